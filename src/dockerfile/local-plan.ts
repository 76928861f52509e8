import path from "node:path";
import { DockerfileParser, type Instruction } from "dockerfile-ast";
import { findPipInstalls, type PipInstall } from "./pip-installs.ts";
import { type CommandFact, type DockerfileFacts, readDockerfileFacts } from "./dockerfile-facts.ts";
import { isInstruction } from "./instructions.ts";
import { isPythonBase } from "./rewrite-from.ts";

// What building a Dockerfile means without an engine, instruction by instruction, in the Dockerfile's order.
export type PlanStep =
  | { kind: "workdir"; path: string; line: number; text: string }
  | { kind: "copy"; instruction: "COPY" | "ADD"; sources: string[]; destination: string; workdir: string; line: number; text: string }
  | { kind: "run"; command: string; install: PipInstall | null; workdir: string; line: number; text: string }
  | { kind: "env"; values: Record<string, string>; line: number; text: string }
  | { kind: "skip"; why: string; line: number; text: string };

export type LocalPlan =
  | {
      kind: "plan";
      /** The FROM line that python stands in for. */
      from: { image: string; tag: string | null; line: number };
      steps: PlanStep[];
      /** ENTRYPOINT and CMD as the engine would run them; the python image's own `python3` when neither is set. */
      command: string[];
      /** The last WORKDIR, absolute: where the app runs. */
      workdir: string;
      env: Record<string, string>;
    }
  /** The Dockerfile fails to build, in the engine's words: the student's to fix. */
  | { kind: "refused"; error: string; line?: number }
  /** labgrade cannot stand in for this without an engine: nobody's mistake, and not judged here. */
  | { kind: "unsupported"; reason: string };

/** What the local build leaves out, and why. */
const NOT_APPLIED: Partial<Record<string, string>> = {
  USER: "the app runs as labgrade's sandbox user",
  SHELL: "RUN lines other than pip installs are not run",
  VOLUME: "there are no volumes without an engine",
  ONBUILD: "it applies to images built on this one",
  HEALTHCHECK: "the app runs once",
};

// Reads the Dockerfile as the engine would before it builds (an unknown instruction or a FROM it cannot read
// refuses the whole file), then lists what each instruction does. Pure.
export function planDockerfile(text: string): LocalPlan {
  const instructions = DockerfileParser.parse(text).getInstructions();
  if (instructions.length === 0) return { kind: "refused", error: "the Dockerfile (Dockerfile) cannot be empty" };
  for (const ins of instructions) {
    if (!isInstruction(ins.getKeyword())) {
      const line = lineOf(ins);
      return { kind: "refused", error: `dockerfile parse error line ${line}: unknown instruction: ${ins.getInstruction().toUpperCase()}`, line };
    }
  }
  const first = instructions.find((ins) => ins.getKeyword() !== "ARG");
  if (first?.getKeyword() !== "FROM") return { kind: "refused", error: "no build stage in current context", line: first ? lineOf(first) : 1 };
  const facts = readDockerfileFacts(text);
  if (facts.from.length > 1) {
    return { kind: "unsupported", reason: `the Dockerfile has ${facts.from.length} stages (FROM on lines ${facts.from.map((f) => f.line).join(", ")}); without an engine labgrade stands in only for a single \`FROM python\`` };
  }
  const from = facts.from[0];
  if (!from) return { kind: "refused", error: "no build stage in current context" };
  const base = standIn(from);
  if (base.kind !== "plan") return base;
  return { ...walk(instructions, facts), kind: "plan", from: { image: from.image, tag: base.tag, line: from.line }, command: imageCommand(facts) };
}

// python stands in for the FROM line's python, any tag; nothing else can be built without an engine, which is
// how the engine path treats a base image that is not on the engine: labgrade never pulls.
function standIn(from: DockerfileFacts["from"][number]): { kind: "plan"; tag: string | null } | Extract<LocalPlan, { kind: "refused" | "unsupported" }> {
  const { base } = from;
  if (base.kind === "invalid") return { kind: "refused", error: base.reason, line: from.line };
  if (base.kind === "scratch") return { kind: "unsupported", reason: "`FROM scratch` has no python, and without an engine labgrade stands in only for `FROM python`" };
  if (base.kind === "image" && isPythonBase(from)) return { kind: "plan", tag: base.ref.tag };
  const name = base.kind === "image" ? base.name : from.image;
  return {
    kind: "refused",
    error: `pull access denied for ${name}: without an engine labgrade builds only on python (this machine's python stands in for \`FROM python\`), and never pulls; \`${name}\` cannot be built here. The lab's Dockerfile starts FROM python.`,
    line: from.line,
  };
}

function walk(instructions: Instruction[], facts: DockerfileFacts): { steps: PlanStep[]; workdir: string; env: Record<string, string> } {
  const steps: PlanStep[] = [];
  const env: Record<string, string> = {};
  let workdir = "/";
  let started = false;
  for (const ins of instructions) {
    const keyword = ins.getKeyword();
    const line = lineOf(ins);
    const text = `${ins.getInstruction()} ${(ins.getArgumentsContent() ?? "").replace(/\s+/g, " ").trim()}`.trim();
    if (keyword === "FROM") started = true;
    if (!started || keyword === "FROM" || keyword === "ARG" || keyword === "CMD" || keyword === "ENTRYPOINT") continue;
    if (keyword === "WORKDIR") {
      workdir = path.posix.resolve(workdir, unquote((ins.getArgumentsContent() ?? "").trim()) || ".");
      steps.push({ kind: "workdir", path: workdir, line, text });
    } else if (keyword === "ENV") {
      const values = envValues(ins);
      Object.assign(env, values);
      steps.push({ kind: "env", values, line, text });
    } else if (keyword === "COPY" || keyword === "ADD") {
      const copy = facts.copies.find((c) => c.line === line);
      const fromFlag = flagNames(ins).find((f) => f === "from");
      if (fromFlag) steps.push({ kind: "skip", why: "copying from another image or stage needs an engine", line, text });
      else if (copy) steps.push({ kind: "copy", instruction: copy.instruction, sources: copy.sources, destination: copy.destination, workdir, line, text });
    } else if (keyword === "RUN") {
      const run = facts.runs.find((r) => r.line === line);
      if (run) steps.push({ kind: "run", command: run.command, install: findPipInstalls({ ...facts, runs: [run] })[0] ?? null, workdir, line, text });
    } else {
      const why = NOT_APPLIED[keyword];
      if (why) steps.push({ kind: "skip", why, line, text });
    }
  }
  return { steps, workdir, env };
}

// What the engine runs: ENTRYPOINT with CMD as its arguments, a shell form through /bin/sh -c; the base's CMD
// (the python image's `python3`) when the Dockerfile sets neither, and none when it sets only an ENTRYPOINT.
export function imageCommand(facts: Pick<DockerfileFacts, "cmd" | "entrypoint">): string[] {
  const shell = (c: CommandFact) => ["/bin/sh", "-c", c.args.join(" ")];
  const { entrypoint, cmd } = facts;
  if (entrypoint) return entrypoint.form === "shell" ? shell(entrypoint) : [...entrypoint.args, ...(cmd ? (cmd.form === "exec" ? cmd.args : shell(cmd)) : [])];
  if (cmd) return cmd.form === "exec" ? cmd.args : shell(cmd);
  return ["python3"];
}

function envValues(ins: Instruction): Record<string, string> {
  const withProperties = ins as Instruction & { getProperties?: () => Array<{ getName(): string; getValue(): string | null }> };
  const values: Record<string, string> = {};
  for (const property of withProperties.getProperties?.() ?? []) values[property.getName()] = unquote(property.getValue() ?? "");
  return values;
}

function flagNames(ins: Instruction): string[] {
  const withFlags = ins as Instruction & { getFlags?: () => Array<{ getName(): string }> };
  return (withFlags.getFlags?.() ?? []).map((f) => f.getName().toLowerCase());
}

const lineOf = (ins: Instruction) => ins.getRange().start.line + 1;
const unquote = (word: string) => word.replace(/^(["'])(.*)\1$/, "$2");
