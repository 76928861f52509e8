import { engineCheck } from "../../../testing/lab/lab-steps.ts";
import { describe, expect, it } from "vitest";
import { container, fullWalk, image, mycontainer, snapshot } from "../../../testing/lab/snapshot-builder.ts";

describe("hello-world-removed", () => {
  it("passes when the tag is gone and containers show it was used", () => {
    expect(engineCheck("hello-world-removed")(fullWalk())).toEqual({ status: "passed", message: "Found no image tagged hello-world, and 2 containers made from it (`eager_hopper`, `mycontainer`): it was used, then removed." });
  });
  it("fails while the image is tagged, with -f when a container uses it", () => {
    const result = engineCheck("hello-world-removed")(snapshot({ containers: [container({ name: "eager_hopper" })], images: [image(["hello-world:latest"], { id: "sha256:hello" })] }));
    expect(result).toEqual({
      status: "failed",
      message: "Expected no image tagged hello-world; found hello-world:latest.",
      hint: "Remove the tag with `docker image rm -f hello-world`: -f because a container uses it (`eager_hopper`); the containers stay.",
    });
  });
  it("fails while tagged, without -f when no container uses it", () => {
    const result = engineCheck("hello-world-removed")(snapshot({ containers: [mycontainer({ imageId: "sha256:old" })], images: [image(["hello-world:linux"])] }));
    expect(result).toMatchObject({ status: "failed", message: "Expected no image tagged hello-world; found hello-world:linux.", hint: "Remove it: `docker image rm hello-world:linux`." });
  });
  it("fails when no container shows hello-world was used", () => {
    const result = engineCheck("hello-world-removed")(snapshot({ containers: [container({ image: "python" })], images: [image(["python:latest"])] }));
    expect(result.status).toBe("failed");
    expect(result.message).toBe("Expected hello-world to have been used before its image was removed; found no image tagged hello-world, but no container made from it either.");
    expect(result.hint).toContain("`docker run hello-world`");
  });
});
