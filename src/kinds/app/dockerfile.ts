import type { AppFolder } from "../../evidence/app-folder.ts";
import type { DockerfileFacts } from "../../dockerfile/dockerfile-facts.ts";
import { isDockerHubLibrary, parseImageRef, sameRepository } from "../../dockerfile/image-ref.ts";
import { findPipInstalls, requirementNames } from "../../dockerfile/pip-installs.ts";
import { at, failed, harnessError, located, passed, type CheckResult } from "../../lab/check-result.ts";
import type { FindingOf } from "../findings.ts";
import { hintFor, type KindHints } from "../hints.ts";
import { joinAnd } from "../text-spec.ts";
import { type AppLore, commandLine, copiedWords, pipLineOf } from "./app-lore.ts";
import { finalFrom, refusedFromHint } from "./from-line.ts";

// What the `dockerfile` expectation of a lab file can say: what the hand-in's Dockerfile must hold.
export interface DockerfileSpec {
  /** The image it builds FROM, any tag (default: the app's base). */
  from?: string;
  /** Packages installed with pip, on a RUN line or from a requirements file it copies. */
  pip?: string[];
  /** The app's files copied into the image. */
  copies_app?: boolean;
  /** A CMD or ENTRYPOINT (true), or exactly this exec-form command (the shell form of the same words fails). */
  command?: boolean | string[];
  /** Ports it EXPOSEs. */
  expose?: Array<number | string>;
}

interface Finding<K extends FindingOf<"dockerfile"> = FindingOf<"dockerfile">> {
  /** The key a lab's `hints` uses for it. */
  key: K;
  message: string;
  hint: string;
  /** The Dockerfile's line the finding is about (the line to fix). */
  line?: number;
  /** The file the student should rename or fix, when the finding is about a file rather than a line. */
  file?: string;
}

// The hand-in's Dockerfile, read without building: each demand of the spec a finding when it is not met.
// `requirements` is the text of the requirements file a RUN line names (see requirementsFiles), or null.
export function checkDockerfile(app: AppFolder, facts: DockerfileFacts | null, requirements: string | null, spec: DockerfileSpec, lore: AppLore, hints: KindHints<"dockerfile">): CheckResult {
  if (!app.dockerfile) {
    const miss = explainMissingDockerfile(app, lore);
    return located(failed(miss.message, hintFor(hints, miss.key, miss.hint)), miss.file ? at(miss.file) : null);
  }
  if (!facts) return harnessError(`The Dockerfile \`${app.dockerfile.file}\` was found but not read.`);
  const from = spec.from ?? lore.base;
  const findings = [
    fromFinding(facts, { ...lore, base: from, baseExample: spec.from && spec.from !== lore.base ? spec.from : lore.baseExample }),
    spec.pip?.length ? pipFinding(facts, requirements, spec.pip) : null,
    spec.copies_app ? copyFinding(facts, app, lore) : null,
    spec.command ? commandFinding(facts, spec.command, lore) : null,
    ...(spec.expose ?? []).map((port) => exposeFinding(facts, port)),
  ].filter((f) => f !== null);
  const naming = app.dockerfile.exact ? [] : [`Docker accepts \`${app.dockerfile.file}\`, but the usual name is \`Dockerfile\`: rename it.`];
  if (findings.length === 0) {
    const hint = [...naming, ...facts.problems].join(" ");
    return { ...passed(`\`${app.dockerfile.file}\` ${passWords(spec, from)}.`), ...(hint ? { hint } : {}) };
  }
  // The first finding that has a line places the verdict; one about a missing line places it in the file.
  const line = findings.find((f) => f.line !== undefined)?.line;
  const hint = [...findings.map((f) => hintFor(hints, f.key, f.hint)), ...naming].join(" ");
  return located(failed([...findings.map((f) => f.message), ...facts.problems].join(" "), hint), at(app.dockerfile.file, line));
}

function passWords(spec: DockerfileSpec, from: string): string {
  return joinAnd([
    `starts FROM ${from}`,
    ...(spec.pip?.length ? [`pip-installs ${joinAnd(spec.pip)}`] : []),
    ...(spec.copies_app ? ["copies the app"] : []),
    ...(spec.expose?.length ? [`exposes ${joinAnd(spec.expose.map(String))}`] : []),
    ...(spec.command ? ["runs it"] : []),
  ]);
}

// What the student did instead of a `Dockerfile`, for this check and for the build's.
export function explainMissingDockerfile(app: AppFolder, lore: Pick<AppLore, "handoutLines" | "script">): Finding<"folders" | "name" | "missing"> {
  if (app.dir === null) {
    return { key: "folders", message: `Expected one folder with the Dockerfile; found Dockerfile-like files in ${app.candidates.map((c) => `\`${c}/\``).join(", ")}.`, hint: "Keep the lab's app in one folder and remove the other Dockerfiles." };
  }
  const miss = app.misses[0];
  if (miss?.problem === "txt-extension") {
    return { key: "name", message: `Expected a file named \`Dockerfile\`; found \`${miss.file}\`: Windows hid the .txt extension.`, hint: `Rename it to \`Dockerfile\` (no extension): turn on File Explorer's View › Show › File name extensions, or run \`ren ${miss.file} Dockerfile\`.`, file: miss.file };
  }
  if (miss) {
    const why = miss.problem === "wrong-case" ? ": the name is case-sensitive" : "";
    return { key: "name", message: `Expected a file named \`Dockerfile\`; found \`${miss.file}\`${why}.`, hint: "Rename it to `Dockerfile`: capital D, the rest lowercase, no extension.", file: miss.file };
  }
  const files = app.files.length ? `found no Dockerfile among ${app.files.slice(0, 10).map((f) => `\`${f}\``).join(", ")}${app.files.length > 10 ? ", …" : ""}` : "found an empty folder";
  const lines = lore.handoutLines ? ` with the handout's lines: ${lore.handoutLines}` : "";
  return { key: "missing", message: `Expected a file named \`Dockerfile\` next to the app; ${files}.`, hint: `Create a file named \`Dockerfile\` (no extension)${lore.script ? ` next to ${lore.script}` : ""}${lines}.` };
}

// Whether an image reference names the image the lab builds on: Docker Hub's library image of that name (any tag
// or digest, however the Hub is spelled: `registry-1.docker.io/library/python:3.12`), or that repository.
export function isBaseImage(image: string, base: string): boolean {
  const ref = parseImageRef(image);
  const wanted = parseImageRef(base);
  return ref !== null && wanted !== null && (isDockerHubLibrary(ref, base) || sameRepository(ref, wanted));
}

// The image the app is built on, once the ARGs before the first FROM are expanded and stages are followed.
function fromFinding(facts: DockerfileFacts, lore: Pick<AppLore, "base" | "baseExample">): Finding | null {
  const from = finalFrom(facts);
  const { base: image, baseExample } = lore;
  if (!from) return { key: "from", message: `Expected \`FROM ${image}\`; found no FROM line.`, hint: `Start the Dockerfile with \`FROM ${image}\`.` };
  const { base } = from;
  const expected = `Expected \`FROM ${image}\` (any tag)`;
  const found = `\`FROM ${from.image}\` (line ${from.line})`;
  const anyTag = `Build on the ${image} image: \`FROM ${image}\` (or a tag such as \`${baseExample}\`).`;
  if (base.kind === "image") {
    if (isBaseImage(base.name, image)) return null;
    return { key: "from", message: `${expected}; found ${found}${base.name === from.image ? "" : `, which is \`${base.name}\``}.`, hint: anyTag, line: from.line };
  }
  if (base.kind === "invalid") {
    const reads = base.name && base.name !== from.image ? `, which reads \`${base.name}\`` : "";
    return { key: "from", message: `${expected}; found ${found}${reads}: the engine refuses it (${base.reason}).`, hint: refusedFromHint(from, base, facts, lore), line: from.line };
  }
  if (base.kind === "unexpanded") return { key: "from", message: `${expected}; found ${found}, which labgrade cannot expand: ${base.reason}.`, hint: `Write the image on the FROM line: \`FROM ${image}\` (or a tag such as \`${baseExample}\`).`, line: from.line };
  return { key: "from", message: `${expected}; found ${found}.`, hint: anyTag, line: from.line };
}

function pipFinding(facts: DockerfileFacts, requirements: string | null, packages: readonly string[]): Finding | null {
  const installs = findPipInstalls(facts);
  const pipLine = pipLineOf(packages);
  const which = packages.length === 1 ? "it" : packages.length === 2 ? "both" : "them all";
  const hint = `Install ${which} with pip: \`${pipLine}\`.`;
  if (installs.length === 0) {
    const runs = facts.runs.map((r) => `\`RUN ${r.command}\` (line ${r.line})`).join(", ");
    return { key: "pip", message: `Expected \`${pipLine}\`; found ${runs ? `no pip install among ${runs}` : "no RUN line"}.`, hint };
  }
  const fromRequirements = requirements === null ? [] : requirementNames(requirements);
  const installed = new Set([...installs.flatMap((i) => i.packages.filter((p) => !p.invalid).map((p) => p.name)), ...fromRequirements]);
  const missing = packages.filter((p) => !installed.has(p));
  if (missing.length === 0) return null;
  const reqFile = installs.flatMap((i) => i.requirements)[0];
  const shown = installs.map((i) => `\`RUN ${i.command}\` (line ${i.line})`).join(", ");
  const notRead = reqFile && requirements === null ? `; \`${reqFile}\` was not found in the folder` : "";
  const bad = installs.flatMap((i) => i.packages).find((p) => p.invalid && packages.some((name) => p.name === name));
  return {
    key: "pip",
    line: (installs.find((i) => i.packages.some((p) => p.invalid)) ?? installs[0])?.line,
    message: `Expected \`${pipLine}\`; found ${shown}${notRead}: ${missing.join(" and ")} ${missing.length > 1 ? "are" : "is"} missing.`,
    hint: bad ? `\`${bad.written}\` is not a package name: separate packages with spaces, not commas. ${hint}` : reqFile ? `List ${joinAnd(packages)} in \`${reqFile}\`, one a line, or install them on the RUN line: \`${pipLine}\`.` : hint,
  };
}

function copyFinding(facts: DockerfileFacts, app: AppFolder, lore: AppLore): Finding | null {
  const scripts = scriptLike(app, lore.script);
  if (facts.copies.some((c) => c.sources.some((s) => copiesApp(s, scripts, lore.script)))) return null;
  const line = facts.copies[0]?.line;
  const shown = facts.copies.map((c) => `\`${c.instruction} ${[...c.sources, c.destination].join(" ")}\` (line ${c.line})`).join(", ");
  return { key: "copy", message: `Expected the app copied in with \`${lore.copyLine}\`; found ${shown ? `${shown}, which does not copy ${app.appScript ?? "the app"}` : "no COPY or ADD line"}.`, hint: `Copy ${copiedWords(lore.copyLine) === "the whole folder" ? "the folder" : copiedWords(lore.copyLine)} into the image: \`${lore.workdirLine}\` then \`${lore.copyLine}\`.`, ...(line ? { line } : {}) };
}

// The hand-in's files of the script's kind (its .py files for app.py): a COPY of any of them copies the app.
function scriptLike(app: AppFolder, script: string | null): string[] {
  const ext = script?.match(/\.[^./]+$/)?.[0] ?? ".py";
  return ext === ".py" ? app.pyFiles : app.files.filter((f) => f.endsWith(ext));
}

function copiesApp(source: string, scripts: string[], script: string | null): boolean {
  const path = source.replace(/^\.\//, "").replace(/\/+$/, "");
  const ext = script?.match(/\.[^./]+$/)?.[0] ?? ".py";
  if (path === "" || path === "." || path === script || path === `*${ext}`) return true;
  const glob = new RegExp(`^${path.replace(/[.+^${}()|\\]/g, "\\$&").replace(/\*/g, "[^/]*").replace(/\?/g, "[^/]")}$`);
  return scripts.some((f) => glob.test(f) || f.startsWith(`${path}/`));
}

function commandFinding({ cmd, entrypoint }: DockerfileFacts, wanted: true | string[], lore: AppLore): Finding | null {
  const command = entrypoint ?? cmd;
  const shown = commandLine(wanted === true ? (lore.command ?? ["python", lore.script ?? "app.py"]) : wanted);
  const hint = `End the Dockerfile with \`${shown}\`, with straight double quotes.`;
  if (!command) return { key: "command", message: `Expected \`${shown}\`; found no CMD or ENTRYPOINT line.`, hint };
  if (command.form === "shell" && command.args[0]?.startsWith("[")) {
    const keyword = entrypoint ? "ENTRYPOINT" : "CMD";
    return { key: "command", message: `Expected \`${shown}\`; found \`${keyword} ${command.args.join(" ")}\` (line ${command.line}), which is not valid JSON, so Docker would run it as a shell command that does not exist.`, hint, line: command.line };
  }
  if (wanted !== true) {
    // The lines in effect: a shell-form ENTRYPOINT alone (Docker drops CMD then), else ENTRYPOINT then CMD.
    const used = entrypoint?.form === "shell" ? [entrypoint] : [entrypoint, cmd].filter((c) => c !== null);
    const shell = used.find((c) => c.form === "shell");
    if (shell) {
      const keyword = shell === entrypoint ? "ENTRYPOINT" : "CMD";
      const message = `Expected the exec form \`${shown}\`; found \`${keyword} ${shell.args.join(" ")}\` (line ${shell.line}), the shell form, which Docker runs under \`/bin/sh -c\` instead of running the command itself.`;
      return { key: "command", message, hint: `Write it in the exec form, a JSON list with straight double quotes: \`${shown}\`.`, line: shell.line };
    }
    const runs = used.flatMap((c) => c.args);
    if (JSON.stringify(runs) !== JSON.stringify(wanted)) return { key: "command", message: `Expected \`${shown}\`; found \`${entrypoint ? "ENTRYPOINT" : "CMD"} ${JSON.stringify(command.args)}\` (line ${command.line}).`, hint, line: command.line };
  }
  return null;
}

function exposeFinding(facts: DockerfileFacts, port: number | string): Finding | null {
  const want = String(port).includes("/") ? String(port) : `${port}/tcp`;
  if (facts.expose.some((e) => (e.port.includes("/") ? e.port : `${e.port}/tcp`) === want)) return null;
  const shown = facts.expose.map((e) => `\`EXPOSE ${e.port}\` (line ${e.line})`).join(", ");
  return { key: "expose", message: `Expected \`EXPOSE ${port}\`; found ${shown || "no EXPOSE line"}.`, hint: `Say which port the app listens on: \`EXPOSE ${port}\`.` };
}

