import type { EngineSnapshot } from "../../evidence/types.ts";
import { type CheckResult, failed, passed } from "./check-result.ts";
import { containerDetails, describeState, fromHelloWorld, HELLO_GREETING, printedGreeting } from "./hello-world.ts";
import { MYCONTAINER } from "../names.ts";

const RUN = `\`docker run hello-world\` and check that it prints "${HELLO_GREETING}"`;

// hello-world-ran: `docker run hello-world` left an exited container that printed the greeting.
// mycontainer is left out: it is judged by its own steps.
export function checkHelloWorldRan(snapshot: EngineSnapshot): CheckResult {
  const runs = snapshot.containers.filter((c) => fromHelloWorld(c) && c.name !== MYCONTAINER);
  const good = runs.find((c) => c.status === "exited" && c.exitCode === 0 && printedGreeting(c));
  if (good) return passed(`Found container \`${good.name}\`, made from ${good.image}: it exited 0 and printed "${HELLO_GREETING}".`);

  if (runs.length === 0) {
    const onlyMine = snapshot.containers.some((c) => c.name === MYCONTAINER && fromHelloWorld(c));
    return failed(
      `Expected an exited container made from \`hello-world\`; found none${onlyMine ? ` besides \`${MYCONTAINER}\`, which is graded in its own steps` : ""}.`,
      "Run `docker run hello-world`, without `--rm`: a container run with `--rm` is removed when it exits and leaves nothing to grade.",
    );
  }
  const silent = runs.find((c) => c.status === "exited" && c.exitCode === 0);
  if (silent) {
    const kept = silent.logsTruncated ? " in the part of its output labgrade kept" : "";
    return failed(`Expected a hello-world container whose output holds "${HELLO_GREETING}"; found \`${silent.name}\`, which exited 0 without it${kept}.`, `Run ${RUN}.`, containerDetails(silent));
  }
  const crashed = runs.find((c) => c.status === "exited");
  if (crashed) {
    return failed(`Expected a hello-world container that exited with code 0; found \`${crashed.name}\`, which ${describeState(crashed)}.`, `Read its output with \`docker logs ${crashed.name}\`, then run ${RUN}.`, containerDetails(crashed));
  }
  const [first] = runs;
  const names = runs.map((c) => `\`${c.name}\` (${describeState(c)})`).join(", ");
  return failed(`Expected a hello-world container that ran and exited; found ${names}.`, first && !first.everStarted ? `Start it with \`docker start -a ${first.name}\`, or run ${RUN}.` : `Run ${RUN}.`);
}
