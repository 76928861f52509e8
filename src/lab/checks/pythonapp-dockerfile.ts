import type { AppFolder } from "../../evidence/app-folder.ts";
import type { DockerfileFacts } from "../../dockerfile/dockerfile-facts.ts";
import { isDockerHubLibrary, parseImageRef } from "../../dockerfile/image-ref.ts";
import { PYTHON } from "../../images/lab-images.ts";
import { at, failed, harnessError, located, passed, type CheckResult } from "./check-result.ts";
import { finalFrom, refusedFromHint } from "./from-line.ts";
import { findPipInstalls, requirementNames } from "../../dockerfile/pip-installs.ts";

const HANDOUT = 'FROM python, WORKDIR /app, COPY . /app, RUN pip install numpy matplotlib, CMD ["python", "app.py"]';
const PACKAGES = ["numpy", "matplotlib"] as const;

interface Finding {
  message: string;
  hint: string;
  /** The Dockerfile's line the finding is about (the line to fix). */
  line?: number;
  /** The file the student should rename or fix, when the finding is about a file rather than a line. */
  file?: string;
}

// FROM python (any tag), numpy and matplotlib installed with pip, the app copied in, and a CMD or ENTRYPOINT.
// `requirements` is the text of the requirements file a RUN line names (see requirementsFiles), or null.
export function checkPythonappDockerfile(app: AppFolder, facts: DockerfileFacts | null, requirements: string | null): CheckResult {
  if (!app.dockerfile) {
    const miss = explainMissingDockerfile(app);
    return located(failed(miss.message, miss.hint), miss.file ? at(miss.file) : null);
  }
  if (!facts) return harnessError(`The Dockerfile \`${app.dockerfile.file}\` was found but not read.`);
  const findings = [fromFinding(facts), pipFinding(facts, requirements), copyFinding(facts, app), commandFinding(facts)].filter((f) => f !== null);
  const naming = app.dockerfile.exact ? [] : [`Docker accepts \`${app.dockerfile.file}\`, but the usual name is \`Dockerfile\`: rename it.`];
  if (findings.length === 0) {
    const hint = [...naming, ...facts.problems].join(" ");
    return { ...passed(`\`${app.dockerfile.file}\` starts FROM python, pip-installs numpy and matplotlib, copies the app and runs it.`), ...(hint ? { hint } : {}) };
  }
  // The first finding that has a line places the verdict; one about a missing line places it in the file.
  const line = findings.find((f) => f.line !== undefined)?.line;
  return located(failed([...findings.map((f) => f.message), ...facts.problems].join(" "), [...findings.map((f) => f.hint), ...naming].join(" ")), at(app.dockerfile.file, line));
}

// What the student did instead of a `Dockerfile`, for this check and for the build's.
export function explainMissingDockerfile(app: AppFolder): Finding {
  if (app.dir === null) {
    return { message: `Expected one folder with the Dockerfile; found Dockerfile-like files in ${app.candidates.map((c) => `\`${c}/\``).join(", ")}.`, hint: "Keep the lab's app in one folder and remove the other Dockerfiles." };
  }
  const miss = app.misses[0];
  if (miss?.problem === "txt-extension") {
    return { message: `Expected a file named \`Dockerfile\`; found \`${miss.file}\`: Windows hid the .txt extension.`, hint: `Rename it to \`Dockerfile\` (no extension): turn on File Explorer's View › Show › File name extensions, or run \`ren ${miss.file} Dockerfile\`.`, file: miss.file };
  }
  if (miss) {
    const why = miss.problem === "wrong-case" ? ": the name is case-sensitive" : "";
    return { message: `Expected a file named \`Dockerfile\`; found \`${miss.file}\`${why}.`, hint: "Rename it to `Dockerfile`: capital D, the rest lowercase, no extension.", file: miss.file };
  }
  const files = app.files.length ? `found no Dockerfile among ${app.files.slice(0, 10).map((f) => `\`${f}\``).join(", ")}${app.files.length > 10 ? ", …" : ""}` : "found an empty folder";
  return { message: `Expected a file named \`Dockerfile\` next to the app; ${files}.`, hint: `Create a file named \`Dockerfile\` (no extension) next to app.py with the handout's lines: ${HANDOUT}.` };
}

// Docker Hub's python, any tag or digest, however the Hub is spelled (`registry-1.docker.io/library/python:3.12`).
export function isPythonImage(image: string): boolean {
  const ref = parseImageRef(image);
  return ref !== null && isDockerHubLibrary(ref, PYTHON.name);
}

// The image the app is built on, once the ARGs before the first FROM are expanded and stages are followed.
function fromFinding(facts: DockerfileFacts): Finding | null {
  const from = finalFrom(facts);
  if (!from) return { message: "Expected `FROM python`; found no FROM line.", hint: "Start the Dockerfile with `FROM python`." };
  const { base } = from;
  const expected = "Expected `FROM python` (any tag)";
  const found = `\`FROM ${from.image}\` (line ${from.line})`;
  const anyTag = "Build on the python image: `FROM python` (or a tag such as `python:3.12-slim`).";
  if (base.kind === "image") {
    if (isDockerHubLibrary(base.ref, PYTHON.name)) return null;
    return { message: `${expected}; found ${found}${base.name === from.image ? "" : `, which is \`${base.name}\``}.`, hint: anyTag, line: from.line };
  }
  if (base.kind === "invalid") {
    const reads = base.name && base.name !== from.image ? `, which reads \`${base.name}\`` : "";
    return { message: `${expected}; found ${found}${reads}: the engine refuses it (${base.reason}).`, hint: refusedFromHint(from, base, facts), line: from.line };
  }
  if (base.kind === "unexpanded") return { message: `${expected}; found ${found}, which labgrade cannot expand: ${base.reason}.`, hint: `Write the image on the FROM line: \`FROM python\` (or a tag such as \`python:3.12-slim\`).`, line: from.line };
  return { message: `${expected}; found ${found}.`, hint: anyTag, line: from.line };
}

function pipFinding(facts: DockerfileFacts, requirements: string | null): Finding | null {
  const installs = findPipInstalls(facts);
  const hint = "Install both with pip: `RUN pip install numpy matplotlib`.";
  if (installs.length === 0) {
    const runs = facts.runs.map((r) => `\`RUN ${r.command}\` (line ${r.line})`).join(", ");
    return { message: `Expected \`RUN pip install numpy matplotlib\`; found ${runs ? `no pip install among ${runs}` : "no RUN line"}.`, hint };
  }
  const fromRequirements = requirements === null ? [] : requirementNames(requirements);
  const installed = new Set([...installs.flatMap((i) => i.packages.filter((p) => !p.invalid).map((p) => p.name)), ...fromRequirements]);
  const missing = PACKAGES.filter((p) => !installed.has(p));
  if (missing.length === 0) return null;
  const reqFile = installs.flatMap((i) => i.requirements)[0];
  const shown = installs.map((i) => `\`RUN ${i.command}\` (line ${i.line})`).join(", ");
  const notRead = reqFile && requirements === null ? `; \`${reqFile}\` was not found in the folder` : "";
  const bad = installs.flatMap((i) => i.packages).find((p) => p.invalid && PACKAGES.some((name) => p.name === name));
  return {
    line: (installs.find((i) => i.packages.some((p) => p.invalid)) ?? installs[0])?.line,
    message: `Expected \`RUN pip install numpy matplotlib\`; found ${shown}${notRead}: ${missing.join(" and ")} ${missing.length > 1 ? "are" : "is"} missing.`,
    hint: bad ? `\`${bad.written}\` is not a package name: separate packages with spaces, not commas. ${hint}` : reqFile ? `List numpy and matplotlib in \`${reqFile}\`, one a line, or install them on the RUN line: \`RUN pip install numpy matplotlib\`.` : hint,
  };
}

function copyFinding(facts: DockerfileFacts, app: AppFolder): Finding | null {
  if (facts.copies.some((c) => c.sources.some((s) => copiesApp(s, app.pyFiles)))) return null;
  const line = facts.copies[0]?.line;
  const shown = facts.copies.map((c) => `\`${c.instruction} ${[...c.sources, c.destination].join(" ")}\` (line ${c.line})`).join(", ");
  return { message: `Expected the app copied in with \`COPY . /app\`; found ${shown ? `${shown}, which does not copy ${app.appScript ?? "the app"}` : "no COPY or ADD line"}.`, hint: "Copy the folder into the image: `WORKDIR /app` then `COPY . /app`.", ...(line ? { line } : {}) };
}

function copiesApp(source: string, pyFiles: string[]): boolean {
  const path = source.replace(/^\.\//, "").replace(/\/+$/, "");
  if (path === "" || path === "." || path === "app.py" || path === "*.py") return true;
  const glob = new RegExp(`^${path.replace(/[.+^${}()|\\]/g, "\\$&").replace(/\*/g, "[^/]*").replace(/\?/g, "[^/]")}$`);
  return pyFiles.some((f) => glob.test(f) || f.startsWith(`${path}/`));
}

function commandFinding({ cmd, entrypoint }: DockerfileFacts): Finding | null {
  const command = entrypoint ?? cmd;
  const hint = 'End the Dockerfile with `CMD ["python", "app.py"]`, with straight double quotes.';
  if (!command) return { message: 'Expected `CMD ["python", "app.py"]`; found no CMD or ENTRYPOINT line.', hint };
  if (command.form === "shell" && command.args[0]?.startsWith("[")) {
    const keyword = entrypoint ? "ENTRYPOINT" : "CMD";
    return { message: `Expected \`CMD ["python", "app.py"]\`; found \`${keyword} ${command.args.join(" ")}\` (line ${command.line}), which is not valid JSON, so Docker would run it as a shell command that does not exist.`, hint, line: command.line };
  }
  return null;
}
