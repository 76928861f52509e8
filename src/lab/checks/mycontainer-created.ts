import type { ContainerFact, EngineSnapshot } from "../../evidence/types.ts";
import { type CheckResult, failed, passed } from "./check-result.ts";
import { containerDetails, CREATE_MYCONTAINER, fromHelloWorld } from "./hello-world.ts";
import { MYCONTAINER, nearMisses } from "../names.ts";

// mycontainer-created: `docker container create -i -t --name mycontainer hello-world`.
export function checkMycontainerCreated(snapshot: EngineSnapshot): CheckResult {
  const mine = snapshot.containers.find((c) => c.name === MYCONTAINER);
  if (!mine) return missing(snapshot.containers);
  if (!fromHelloWorld(mine)) {
    return failed(`Expected \`${MYCONTAINER}\` to be made from hello-world; found it made from \`${mine.image}\`.`, recreate(mine), containerDetails(mine));
  }
  const flags = [mine.interactive ? null : "-i", mine.tty ? null : "-t"].filter((flag) => flag !== null);
  if (flags.length > 0) {
    return failed(`Expected \`${MYCONTAINER}\` to be created with -i and -t; found it created without ${flags.join(" and ")}.`, recreate(mine), containerDetails(mine));
  }
  return passed(`Found \`${MYCONTAINER}\`, created from ${mine.image} with -i and -t.`);
}

// No container has the name: say which ones look like it, and how to fix the closest.
function missing(containers: readonly ContainerFact[]): CheckResult {
  const looksLike = nearMisses(MYCONTAINER, containers.map((c) => c.name)).flatMap((name) => containers.filter((c) => c.name === name));
  if (looksLike.length === 0) return failed(`Expected a container named \`${MYCONTAINER}\`; found none.`, `Create it: \`${CREATE_MYCONTAINER}\`.`);
  const found = looksLike.map((c) => `\`${c.name}\` (created from ${c.image})`).join(", ");
  const renamable = looksLike.find(fromHelloWorld);
  return failed(
    `Expected a container named \`${MYCONTAINER}\`; found ${found}.`,
    renamable ? `Rename it: \`docker rename ${renamable.name} ${MYCONTAINER}\`.` : `Create it: \`${CREATE_MYCONTAINER}\`.`,
  );
}

function recreate(mine: ContainerFact): string {
  return `Recreate it: \`docker rm ${mine.status === "running" ? "-f " : ""}${MYCONTAINER}\`, then \`${CREATE_MYCONTAINER}\`.`;
}
