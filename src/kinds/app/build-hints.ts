import path from "node:path";
import type { AppFolder } from "../../evidence/app-folder.ts";
import type { DockerfileFacts } from "../../dockerfile/dockerfile-facts.ts";
import { dockerignoreExcludes } from "../../dockerfile/dockerignore.ts";
import { INSTRUCTIONS } from "../../dockerfile/instructions.ts";
import { finalFrom, refusedFrom, refusedFromHint } from "./from-line.ts";
import { nearMisses } from "../../lab/names.ts";
import { type AppLore, copiedWords } from "./app-lore.ts";
import { PROCESS_LIMIT } from "./app-hints.ts";

// The Dockerfile reference's instructions: https://docs.docker.com/reference/dockerfile/#overview

// What to do about a failed build, read from the daemon's error, the build's log and (when read) the Dockerfile.
export function buildHint(error: string, log: string, app: AppFolder, facts: DockerfileFacts | null, lore: AppLore): string {
  return parseHint(error, lore) ?? fromHint(error, facts, lore) ?? pullHint(error, lore) ?? outsideContextHint(error, log, facts) ?? copyHint(error, app, lore) ?? stepHint(error, log, lore) ?? `Build it yourself (\`docker build -t ${lore.tag} .\`) and fix what the error above names.`;
}

// The Dockerfile's line a failed build is about: the one the engine's parse error names, else the instruction the
// error names, found in the Dockerfile as read (the FROM of a refused or missing base, the COPY of a missing source,
// the RUN that failed). Null when the error names no line labgrade can find.
export function failureLine(error: string, facts: DockerfileFacts | null): number | null {
  const parsed = PARSE_LINE.exec(error)?.[1];
  if (parsed) return Number(parsed);
  if (!facts) return null;
  if (REFUSED_FROM.test(error)) return (refusedFrom(facts)?.from ?? finalFrom(facts))?.line ?? null;
  if (PULL_FAILED.test(error)) return finalFrom(facts)?.line ?? null;
  const source = outsideSource(error) ?? copiedSource(error);
  if (source !== null) return facts.copies.find((c) => c.sources.some((s) => samePath(s, source)))?.line ?? null;
  const step = failedStep(error)?.replace(/\s+/g, " ").trim();
  return step ? (facts.runs.find((r) => r.command === step)?.line ?? null) : null;
}

const PARSE_LINE = /parse error (?:on )?line (\d+)/i;
const REFUSED_FROM = /base name \(.*\) should not be blank|invalid reference format|failed to process "/i;
const PULL_FAILED = /pull access denied|manifest unknown|manifest for .* not found|failed to resolve source metadata|repository does not exist/i;
const samePath = (a: string, b: string) => path.posix.normalize(a.replace(/^\/+/, "")) === path.posix.normalize(b.replace(/^\/+/, ""));
// "COPY failed: forbidden path outside the build context: ../x ()"
const outsideSource = (error: string): string | null => /forbidden path outside the build context: (.+?) \(.*\)\s*$/im.exec(error)?.[1] ?? null;
// "stat app.py: file does not exist" (classic builder) or `"/app.py": not found` (BuildKit)
const copiedSource = (error: string): string | null => /stat ([^:]+): file does not exist/.exec(error)?.[1]?.trim() ?? /"\/?([^"]+)": not found/.exec(error)?.[1] ?? null;
// "The command '/bin/sh -c pip install x' returned a non-zero code: 1" (classic) or `process "/bin/sh -c …" did not complete successfully` (BuildKit)
const failedStep = (error: string): string | null =>
  /The command '(?:\/bin\/sh -c )?(.+)' returned a non-zero code/.exec(error)?.[1] ?? /process "(?:\/bin\/sh -c )?(.+)" did not complete successfully/.exec(error)?.[1] ?? null;

// "[WARNING]: Empty continuation line found in:\n    RUN pip install numpy     matplotlib": the build goes on.
export function continuationWarning(log: string): string | null {
  if (!/Empty continuation line/i.test(log)) return null;
  const instruction = /Empty continuation line found in:\s*(.+)/i.exec(log)?.[1]?.trim();
  return `The engine warned about an empty line inside a \`\\\` continuation${instruction ? ` (in \`${instruction}\`)` : ""}: remove the blank line, or end it with \`\\\` too. Later Docker versions refuse it.`;
}

// The engine refused the Dockerfile before building: "dockerfile parse error line 4: unknown instruction: RUNN".
function parseHint(error: string, lore: AppLore): string | null {
  const line = PARSE_LINE.exec(error)?.[1];
  const at = line ? `Line ${line}` : "A line";
  const unknown = /unknown instruction: (\S+)/i.exec(error)?.[1];
  if (unknown) return unknownInstructionHint(at, unknown, lore);
  if (/no build stage in current context|source image with `?from`? prior to/i.test(error)) return `${at} comes before the first FROM, where only ARG may stand: start the Dockerfile with \`FROM ${lore.base}\`.`;
  if (/dockerfile (?:\(.*\) )?(?:cannot|may not) be empty/i.test(error)) return "The Dockerfile is empty: write the handout's lines into it and save it.";
  const flag = /unknown flag: -*([\w-]+)/i.exec(error)?.[1];
  if (flag) return `${at}: \`--${flag}\` is not a flag this engine knows there. Check its spelling, or remove it: the lab's Dockerfile needs no flags.`;
  if (/\bARG requires (?:exactly|at least) one argument|ARG names can not be blank/i.test(error)) return `${at}: \`ARG\` needs a name, with an optional default, one a line: \`ARG PY_VERSION=3.12\`.`;
  return line ? `Fix line ${line} of the Dockerfile as the error says, then build again.` : null;
}

function unknownInstructionHint(at: string, word: string, lore: AppLore): string {
  const letters = word.toUpperCase().replace(/[^A-Z]/g, "");
  if (letters !== word.toUpperCase() && INSTRUCTIONS.includes(letters)) {
    return `${at} starts with \`${word}\`, which is not a Dockerfile instruction: retype it as \`${letters}\`, without the characters pasted from a document.`;
  }
  const meant = nearMisses(letters, INSTRUCTIONS)[0];
  if (meant) return `${at}: \`${word}\` is not a Dockerfile instruction. Did you mean \`${meant}\`? Correct it and build again.`;
  return `${at}: \`${word}\` is not a Dockerfile instruction; every line starts with one (FROM, RUN, COPY, WORKDIR, CMD …). A command to run while building needs RUN in front (\`${lore.pipLine}\`), and a line that continues the one above needs a \`\\\` at the end of that line.`;
}

// The engine refused the FROM line's image name: "invalid reference format", "base name (${V}) should not be blank".
function fromHint(error: string, facts: DockerfileFacts | null, lore: AppLore): string | null {
  const blank = /base name \((.*)\) should not be blank/.exec(error)?.[1];
  if (blank === undefined && !REFUSED_FROM.test(error)) return null;
  const refused = facts ? refusedFrom(facts) : null;
  if (refused && facts) return refusedFromHint(refused.from, refused.base, facts, lore);
  if (/must be lowercase/i.test(error)) return `Image names are lowercase: write \`FROM ${lore.base}\`.`;
  if (blank !== undefined) return `\`FROM ${blank}\` names no image: its variable has no value. A FROM line sees only the ARGs declared before the first FROM, with a default (\`ARG PY_VERSION=3.12\`, then \`FROM ${lore.base}:\${PY_VERSION}\`); or write the image: \`FROM ${lore.base}\`.`;
  return `The FROM line does not name an image the engine can read (a stray character, a trailing \`:\`, or a variable with no value): the lab builds on \`FROM ${lore.base}\`.`;
}

function pullHint(error: string, lore: AppLore): string | null {
  if (!PULL_FAILED.test(error)) return null;
  return `The base image on the FROM line could not be found: check its spelling. The lab builds on \`FROM ${lore.base}\`.`;
}

// "COPY failed: forbidden path outside the build context: ../x ()": a build sees only its own folder.
function outsideContextHint(error: string, log: string, facts: DockerfileFacts | null): string | null {
  const source = outsideSource(error);
  if (source === null) return null;
  const copy = facts?.copies.find((c) => c.sources.some((s) => path.posix.normalize(s) === path.posix.normalize(source)));
  const step = [...log.matchAll(/^Step \d+\/\d+ : ((?:COPY|ADD)\s.*)$/gim)].at(-1)?.[1]?.trim();
  const written = copy ? `Line ${copy.line}: \`${[copy.instruction, ...copy.sources, copy.destination].join(" ")}\`` : step ? `\`${step}\`` : "A COPY line";
  const file = source.split("/").filter((part) => part !== "" && part !== "." && part !== "..").at(-1);
  const instead = file ? `Move \`${file}\` into that folder and copy it from there: \`${copy?.instruction ?? "COPY"} ${file} ${copy?.destination ?? "/app/"}\`.` : "Move what the app needs into that folder and copy it from there: `COPY . /app`.";
  return `${written} copies \`${source}\`, which is outside the folder being built: a build sees only its own folder (the one with the Dockerfile), never the folders around it. ${instead}`;
}

function copyHint(error: string, app: AppFolder, lore: AppLore): string | null {
  const copied = copiedSource(error);
  if (!copied && !/COPY failed|ADD failed/i.test(error)) return null;
  const file = copied?.replace(/^\//, "") ?? "the file";
  const excluded = copied && app.dockerignore ? dockerignoreExcludes(app.dockerignore, file) : null;
  if (excluded) return `The \`.dockerignore\` line \`${excluded}\` keeps \`${file}\` out of the build: remove that line.`;
  return `COPY names \`${file}\`, which is not in the folder next to the Dockerfile: fix the name, or put the file there (\`${lore.copyLine}\` copies ${copiedWords(lore.copyLine)}).`;
}

function stepHint(error: string, log: string, lore: AppLore): string | null {
  const step = failedStep(error);
  if (!step) return null;
  const pipMissing = /No matching distribution found for (\S+)/.exec(log)?.[1];
  if (pipMissing) return `pip could not find a package named \`${pipMissing}\`: check its spelling. The lab needs \`${lore.pipLine}\`.`;
  if (PROCESS_LIMIT.test(log)) return `The step \`RUN ${step}\` started more processes or threads at once than a build may (the app's limit, 128 by default): start fewer (no \`&\` in a loop), then build again.`;
  return `The step \`RUN ${step}\` failed: read the lines above the error in the build output, fix the command, and build again.`;
}
