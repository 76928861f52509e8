import type { EngineSnapshot } from "../../evidence/types.ts";
import { type CheckResult, failed, passed } from "./check-result.ts";
import { containerDetails, CREATE_MYCONTAINER, describeState, fromHelloWorld, HELLO_GREETING, printedGreeting, START_MYCONTAINER } from "./hello-world.ts";
import { MYCONTAINER, nearMisses } from "../names.ts";

const REMAKE = `Recreate it from hello-world and start it: \`docker rm -f ${MYCONTAINER}\`, \`${CREATE_MYCONTAINER}\`, then \`${START_MYCONTAINER}\`.`;

// mycontainer-started: `docker container start --attach -i mycontainer` ran hello-world to a clean exit.
export function checkMycontainerStarted(snapshot: EngineSnapshot): CheckResult {
  const mine = snapshot.containers.find((c) => c.name === MYCONTAINER);
  if (!mine) {
    const [closest] = nearMisses(MYCONTAINER, snapshot.containers.map((c) => c.name));
    return closest
      ? failed(`Expected a container named \`${MYCONTAINER}\` that was started; found \`${closest}\` instead.`, `Rename it (\`docker rename ${closest} ${MYCONTAINER}\`), then start it: \`${START_MYCONTAINER}\`.`)
      : failed(`Expected a container named \`${MYCONTAINER}\` that was started; found no container of that name.`, `Create it, then start it: \`${CREATE_MYCONTAINER}\`, then \`${START_MYCONTAINER}\`.`);
  }
  if (!mine.everStarted) {
    return failed(`Expected \`${MYCONTAINER}\` to have been started; found it ${describeState(mine)}.`, `Start it: \`${START_MYCONTAINER}\`.`, containerDetails(mine));
  }
  if (mine.status !== "exited" || mine.exitCode !== 0) {
    return failed(`Expected \`${MYCONTAINER}\` to have run and exited with code 0; found it ${describeState(mine)}.`, REMAKE, containerDetails(mine));
  }
  if (!printedGreeting(mine)) {
    const made = fromHelloWorld(mine) ? "" : ` (it was made from \`${mine.image}\`, not hello-world)`;
    const kept = mine.logsTruncated ? " in the part of its output labgrade kept" : "";
    return failed(`Expected \`${MYCONTAINER}\`'s output to hold "${HELLO_GREETING}"; found ${mine.logs.trim() ? "other output" : "no output"}${kept}${made}.`, fromHelloWorld(mine) ? `Start it again: \`${START_MYCONTAINER}\`.` : REMAKE, containerDetails(mine));
  }
  return passed(`\`${MYCONTAINER}\` was started, exited 0 and printed "${HELLO_GREETING}".`);
}
