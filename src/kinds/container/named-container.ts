import type { ContainerFact, EngineSnapshot } from "../../evidence/types.ts";
import { type CheckResult, passed } from "../../lab/check-result.ts";
import { isImageRef, nearMisses } from "../../lab/names.ts";
import { failedWith, type KindHints } from "../hints.ts";
import { joinAnd, textHolds, textPrinted, textWanted } from "../text-spec.ts";
import { configMisses, configWords } from "./container-config.ts";
import { containerDetails, describeState, keptNote } from "./container-words.ts";
import { runsDemanded, type ContainerSpec } from "./container-spec.ts";
import type { ContainerLore } from "./container-lore.ts";

// A container of the spec's name, judged on each demand in turn: how it was created (image, -i and -t, mounts,
// networks, environment, ports, restart policy), then how it ran (started, state, exit code, output). `lore` is
// what the whole lab says of a container of that name (its image, the handout's commands), for messages and hints.
export function checkNamedContainer(snapshot: EngineSnapshot, spec: ContainerSpec & { name: string }, lore: ContainerLore, hints: KindHints<"container">): CheckResult {
  const { name } = spec;
  const mine = snapshot.containers.find((c) => c.name === name);
  if (!mine) return runsDemanded(spec) ? missingRun(snapshot.containers, name, lore, hints) : missing(snapshot.containers, name, lore, hints);
  const vars = { name, found: mine.name, image: mine.image, run: lore.create };
  if (spec.image !== undefined && !isImageRef(mine.image, spec.image)) {
    return failedWith(hints, "image", `Expected \`${name}\` to be made from ${spec.image}; found it made from \`${mine.image}\`.`, recreate(mine, lore), vars, containerDetails(mine));
  }
  const flags = [spec.interactive && !mine.interactive ? "-i" : null, spec.tty && !mine.tty ? "-t" : null].filter((flag) => flag !== null);
  if (flags.length > 0) {
    return failedWith(hints, "flags", `Expected \`${name}\` to be created with ${flagWords(spec)}; found it created without ${flags.join(" and ")}.`, recreate(mine, lore), vars, containerDetails(mine));
  }
  const [miss] = configMisses(mine, spec);
  if (miss) {
    const hint = miss.finding === "not-collected" ? "Collect the evidence again with the current labgrade: `npx labgrade collect -o evidence.json`." : miss.fix ? `Run \`${miss.fix}\`, or ${lowerFirst(recreate(mine, lore))}` : recreate(mine, lore);
    return failedWith(hints, miss.finding, `Expected \`${name}\` ${miss.expected}; found ${miss.found}.`, hint, vars, containerDetails(mine));
  }
  if (spec.started && !mine.everStarted) {
    return failedWith(hints, "not-started", `Expected \`${name}\` to have been started; found it ${describeState(mine)}.`, `Start it: \`${lore.start}\`.`, vars, containerDetails(mine));
  }
  if (spec.exit_code !== undefined && (mine.status !== "exited" || mine.exitCode !== spec.exit_code)) {
    return failedWith(hints, "exit", `Expected \`${name}\` to have run and exited with code ${spec.exit_code}; found it ${describeState(mine)}.`, remake(lore), vars, containerDetails(mine));
  }
  if (spec.state !== undefined && mine.status !== spec.state) {
    const hint = spec.state === "running" ? `Start it: \`${lore.start}\`.` : remake(lore);
    return failedWith(hints, "state", `Expected \`${name}\` to be ${spec.state}; found it ${describeState(mine)}.`, hint, vars, containerDetails(mine));
  }
  if (spec.logs && !textHolds(mine.logs, spec.logs)) {
    const fromIt = lore.image === undefined || isImageRef(mine.image, lore.image);
    const made = fromIt ? "" : ` (it was made from \`${mine.image}\`, not ${lore.image})`;
    return failedWith(hints, "logs", `Expected \`${name}\`'s output to ${textWanted(spec.logs, "hold")}; found ${mine.logs.trim() ? "other output" : "no output"}${keptNote(mine)}${made}.`, fromIt ? `Start it again: \`${lore.start}\`.` : remake(lore), vars, containerDetails(mine));
  }
  return passed(passWords(mine, spec));
}

function passWords(mine: ContainerFact, spec: ContainerSpec): string {
  const runs = [...(spec.started ? ["was started"] : []), ...(spec.exit_code !== undefined ? [`exited ${spec.exit_code}`] : []), ...(spec.state !== undefined ? [`is ${spec.state}`] : []), ...(spec.logs ? [textPrinted(spec.logs)] : [])];
  const config = [...(flagWords(spec) ? [`with ${flagWords(spec)}`] : []), ...configWords(spec)];
  const created = `created from ${mine.image}${config.length ? ` ${config.join(", ")}` : ""}`;
  if (!runsDemanded(spec)) return `Found \`${mine.name}\`, ${created}.`;
  const ran = joinAnd(runs);
  return config.length > 0 || spec.image !== undefined ? `Found \`${mine.name}\`, ${created}; it ${ran}.` : `\`${mine.name}\` ${ran}.`;
}

function flagWords(spec: ContainerSpec): string {
  return joinAnd([...(spec.interactive ? ["-i"] : []), ...(spec.tty ? ["-t"] : [])]);
}

// No container has the name: say which ones look like it, and how to fix the closest.
function missing(containers: readonly ContainerFact[], name: string, lore: ContainerLore, hints: KindHints<"container">): CheckResult {
  const looksLike = nearMisses(name, containers.map((c) => c.name)).flatMap((near) => containers.filter((c) => c.name === near));
  if (looksLike.length === 0) return failedWith(hints, "missing", `Expected a container named \`${name}\`; found none.`, `Create it: \`${lore.create}\`.`, { name, run: lore.create });
  const found = looksLike.map((c) => `\`${c.name}\` (created from ${c.image})`).join(", ");
  const renamable = looksLike.find((c) => lore.image === undefined || isImageRef(c.image, lore.image));
  return failedWith(hints, "missing", `Expected a container named \`${name}\`; found ${found}.`, renamable ? `Rename it: \`docker rename ${renamable.name} ${name}\`.` : `Create it: \`${lore.create}\`.`, { name, found: looksLike[0]?.name, run: lore.create });
}

// The same when the step is about the container's run: the closest near miss, and how to get it started.
function missingRun(containers: readonly ContainerFact[], name: string, lore: ContainerLore, hints: KindHints<"container">): CheckResult {
  const [closest] = nearMisses(name, containers.map((c) => c.name));
  const thenStart = lore.startsApart ? `, then start it: \`${lore.start}\`` : `, then run it again: \`${lore.create}\``;
  if (closest) return failedWith(hints, "missing", `Expected a container named \`${name}\` that was started; found \`${closest}\` instead.`, `Rename it (\`docker rename ${closest} ${name}\`)${thenStart}.`, { name, found: closest, run: lore.create });
  const make = lore.startsApart ? `Create it, then start it: \`${lore.create}\`, then \`${lore.start}\`.` : `Run it: \`${lore.create}\`.`;
  return failedWith(hints, "missing", `Expected a container named \`${name}\` that was started; found no container of that name.`, make, { name, run: lore.create });
}

function recreate(mine: ContainerFact, lore: ContainerLore): string {
  return `Recreate it: \`docker rm ${mine.status === "running" ? "-f " : ""}${mine.name}\`, then \`${lore.create}\`.`;
}

function remake(lore: ContainerLore): string {
  const from = lore.image !== undefined ? ` from ${lore.image}` : "";
  return lore.startsApart
    ? `Recreate it${from} and start it: \`docker rm -f ${lore.name}\`, \`${lore.create}\`, then \`${lore.start}\`.`
    : `Recreate it${from}: \`docker rm -f ${lore.name}\`, then \`${lore.create}\`.`;
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);
