import type { EngineSnapshot } from "../../evidence/types.ts";
import { HELLO_WORLD } from "../../images/lab-images.ts";
import { type CheckResult, failed, passed } from "./check-result.ts";
import { fromHelloWorld } from "./hello-world.ts";
import { isImageRef, shortRef } from "../names.ts";

// hello-world-removed: no tag names hello-world any more, and a container shows it was used first.
// Tags, not image ids: `docker image rm -f hello-world` untags an image a container still uses, and leaves it.
export function checkHelloWorldRemoved(snapshot: EngineSnapshot): CheckResult {
  const isHello = (tag: string) => isImageRef(tag, HELLO_WORLD.name);
  const tagged = snapshot.images.filter((image) => image.tags.some(isHello));
  if (tagged.length > 0) {
    const tags = tagged.flatMap((image) => image.tags.filter(isHello));
    const users = snapshot.containers.filter((c) => tagged.some((image) => image.id === c.imageId));
    const refs = tags.map(shortRef).join(" ");
    const hint =
      users.length > 0
        ? `Remove the tag with \`docker image rm -f ${refs}\`: -f because ${users.length === 1 ? "a container uses it" : `${users.length} containers use it`} (${users.map((c) => `\`${c.name}\``).join(", ")}); the containers stay.`
        : `Remove it: \`docker image rm ${refs}\`.`;
    return failed(`Expected no image tagged hello-world; found ${tags.join(", ")}.`, hint);
  }
  const used = snapshot.containers.filter(fromHelloWorld);
  if (used.length === 0) {
    return failed(
      "Expected hello-world to have been used before its image was removed; found no image tagged hello-world, but no container made from it either.",
      "Do the hello-world steps first (`docker run hello-world`, then create and start `mycontainer`), then remove the image: `docker image rm -f hello-world`.",
    );
  }
  return passed(`Found no image tagged hello-world, and ${used.length === 1 ? "a container" : `${used.length} containers`} made from it (${used.map((c) => `\`${c.name}\``).join(", ")}): it was used, then removed.`);
}
