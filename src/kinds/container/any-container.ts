import type { ContainerFact, EngineSnapshot } from "../../evidence/types.ts";
import { type CheckResult, passed } from "../../lab/check-result.ts";
import { isImageRef } from "../../lab/names.ts";
import { failedWith, type KindHints } from "../hints.ts";
import { joinAnd, textHolds, textPrinted, textWanted } from "../text-spec.ts";
import { type ConfigMiss, configMisses, configWords } from "./container-config.ts";
import { containerDetails, describeState, keptNote } from "./container-words.ts";
import type { ContainerSpec } from "./container-spec.ts";

// Some container that fits the spec (`docker run hello-world` left one that exited 0 and printed its greeting).
// Containers other steps name are left out: they are judged by their own steps.
export function checkAnyContainer(snapshot: EngineSnapshot, spec: ContainerSpec, claimed: readonly string[], hints: KindHints<"container">): CheckResult {
  const image = spec.image;
  const made = (c: ContainerFact) => image === undefined || isImageRef(c.image, image);
  const runs = snapshot.containers.filter((c) => made(c) && !claimed.includes(c.name));
  const run = spec.run ?? `docker run ${image ?? "IMAGE"}`;
  const RUN = spec.logs ? `\`${run}\` and check that it ${spec.logs.contains !== undefined ? `prints "${spec.logs.contains}"` : `prints a match of /${spec.logs.matches}/`}` : `\`${run}\``;
  const kind = image !== undefined ? `a ${image} container` : "a container";
  const fits = runs.filter((c) => missesOf(c, spec).length === 0);
  const good = fits.find((c) => ranAsSpecified(c, spec) && (!spec.logs || textHolds(c.logs, spec.logs)));
  if (good) return passed(`Found container \`${good.name}\`${image !== undefined ? `, made from ${good.image}` : ""}: it ${joinAnd(passParts(spec))}.`);

  if (runs.length === 0) {
    const mine = snapshot.containers.filter((c) => made(c) && claimed.includes(c.name)).map((c) => `\`${c.name}\``);
    const besides = mine.length > 0 ? ` besides ${mine.join(", ")}, which ${mine.length === 1 ? "is" : "are"} graded in ${mine.length === 1 ? "its" : "their"} own steps` : "";
    return failedWith(hints, "missing", `Expected ${subject(spec)}${image !== undefined ? ` made from \`${image}\`` : ""}; found none${besides}.`, `Run \`${run}\`, without \`--rm\`: a container run with \`--rm\` is removed when it exits and leaves nothing to grade.`, { image, run });
  }
  if (fits.length === 0) {
    const [first] = runs;
    const [miss] = missesOf(first!, spec);
    return failedWith(hints, miss!.finding, `Expected ${kind} ${asAttribute(miss!.expected)}; found \`${first!.name}\`, with ${miss!.found}.`, `Run \`${run}\`.`, { image, run, found: first!.name }, containerDetails(first!));
  }
  const silent = spec.logs ? fits.find((c) => ranAsSpecified(c, spec)) : undefined;
  if (silent && spec.logs) {
    return failedWith(hints, "logs", `Expected ${kind} whose output ${textWanted(spec.logs, "holds")}; found \`${silent.name}\`, which ${ranWords(spec)} without it${keptNote(silent)}.`, `Run ${RUN}.`, { image, run, found: silent.name }, containerDetails(silent));
  }
  const crashed = spec.exit_code !== undefined ? fits.find((c) => c.status === "exited") : undefined;
  if (crashed) {
    return failedWith(hints, "exit", `Expected ${kind} that exited with code ${spec.exit_code}; found \`${crashed.name}\`, which ${describeState(crashed)}.`, `Read its output with \`docker logs ${crashed.name}\`, then run ${RUN}.`, { image, run, found: crashed.name }, containerDetails(crashed));
  }
  const [first] = fits;
  const names = fits.map((c) => `\`${c.name}\` (${describeState(c)})`).join(", ");
  const hint = first && !first.everStarted ? `Start it with \`docker start -a ${first.name}\`, or run ${RUN}.` : `Run ${RUN}.`;
  return failedWith(hints, "state", `Expected ${kind} that ${spec.exit_code !== undefined ? "ran and exited" : spec.state !== undefined ? `is ${spec.state}` : "ran"}; found ${names}.`, hint, { image, run, found: first?.name });
}

// How it was created: its -i and -t, then what configMisses checks.
function missesOf(c: ContainerFact, spec: ContainerSpec): ConfigMiss[] {
  const flags = [spec.interactive && !c.interactive ? "-i" : null, spec.tty && !c.tty ? "-t" : null].filter((f) => f !== null);
  const created = flags.length > 0 ? [{ finding: "flags" as const, expected: `to be created with ${joinAnd([...(spec.interactive ? ["-i"] : []), ...(spec.tty ? ["-t"] : [])])}`, found: `it created without ${flags.join(" and ")}` }] : [];
  return [...created, ...configMisses(c, spec)];
}

// "to have the volume …" → "with the volume …", "to be attached to …" → "attached to …", "to publish …" → "publishing …".
function asAttribute(expected: string): string {
  return expected.replace(/^to have /, "with ").replace(/^to be /, "").replace(/^to publish /, "publishing ");
}

// Started, in the state and with the exit code the spec asks for (output apart).
function ranAsSpecified(c: ContainerFact, spec: ContainerSpec): boolean {
  if (spec.started !== undefined && c.everStarted !== spec.started) return false;
  if (spec.state !== undefined && c.status !== spec.state) return false;
  return spec.exit_code === undefined || (c.status === "exited" && c.exitCode === spec.exit_code);
}

function subject(spec: ContainerSpec): string {
  if (spec.exit_code !== undefined) return "an exited container";
  if (spec.state !== undefined) return `a ${spec.state} container`;
  return spec.started ? "a started container" : "a container";
}

function ranWords(spec: ContainerSpec): string {
  return spec.exit_code !== undefined ? `exited ${spec.exit_code}` : spec.state !== undefined ? `is ${spec.state}` : "ran";
}

function passParts(spec: ContainerSpec): string[] {
  return [
    ...(spec.started && spec.exit_code === undefined ? ["was started"] : []),
    ...(spec.exit_code !== undefined ? [`exited ${spec.exit_code}`] : []),
    ...(spec.state !== undefined ? [`is ${spec.state}`] : []),
    ...(spec.logs ? [textPrinted(spec.logs)] : []),
    ...configWords(spec).map((w) => `was made ${w}`),
    ...(spec.interactive || spec.tty ? [`was created with ${joinAnd([...(spec.interactive ? ["-i"] : []), ...(spec.tty ? ["-t"] : [])])}`] : []),
  ].filter((p) => p !== "") as string[];
}
