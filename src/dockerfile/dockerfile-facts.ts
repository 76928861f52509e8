import { DockerfileParser, type Instruction } from "dockerfile-ast";
import { fromBase, type FromBase, type MetaArgs } from "./from-base.ts";
import { isInstruction } from "./instructions.ts";
import { expandWord, splitWords } from "./shell-word.ts";

// What a Dockerfile says, as plain data. Line numbers are 1-based, as a student's editor shows them.
export interface DockerfileFacts {
  /** Every FROM, in order. */
  from: FromFact[];
  /** Every ARG's names, in order; those before the first FROM are the only ones a FROM line sees. */
  args: ArgFact[];
  /** RUN commands with continuations joined and whitespace collapsed. */
  runs: Array<{ command: string; line: number }>;
  copies: Array<{ instruction: "COPY" | "ADD"; sources: string[]; destination: string; line: number }>;
  /** Every EXPOSE'd port as written (`8000`, `8000/tcp`), in order. */
  expose: Array<{ port: string; line: number }>;
  /** The last WORKDIR. */
  workdir: string | null;
  /** The last CMD. Shell form keeps its words as written, quotes included. */
  cmd: CommandFact | null;
  entrypoint: CommandFact | null;
  /** Oddities worth telling a student: curly quotes, unknown instructions, exec forms that are not JSON. */
  problems: string[];
}

export interface FromFact {
  /** The image word as written: `python:${PY_VERSION}`. */
  image: string;
  /** What the engine builds on (see from-base.ts). */
  base: FromBase;
  /** The `AS name` alias. */
  stage: string | null;
  line: number;
  /** Where the image word is in the text (UTF-16 offsets, end exclusive), to rewrite it in place. */
  span: { start: number; end: number };
}

export interface ArgFact {
  name: string;
  /** The default as written; null without one. */
  default: string | null;
  line: number;
  beforeFrom: boolean;
}

export interface CommandFact {
  form: "exec" | "shell";
  args: string[];
  line: number;
}

const CURLY = /[“”‘’]/g;

export function readDockerfileFacts(text: string): DockerfileFacts {
  const facts: DockerfileFacts = { from: [], args: [], runs: [], copies: [], expose: [], workdir: null, cmd: null, entrypoint: null, problems: textProblems(text) };
  const dockerfile = DockerfileParser.parse(text);
  const escape = dockerfile.getEscapeCharacter();
  const offsets = lineOffsets(text);
  const metaArgs: MetaArgs = { values: new Map(), opaque: new Set() };
  for (const ins of dockerfile.getInstructions()) {
    const keyword = ins.getKeyword();
    const line = ins.getRange().start.line + 1;
    const content = (ins.getArgumentsContent() ?? "").replace(/\s+/g, " ").trim();
    if (!isInstruction(keyword)) facts.problems.push(`Line ${line}: \`${ins.getInstruction()}\` is not a Dockerfile instruction.`);
    else if (keyword === "ARG") facts.args.push(...readArgs(ins.getArgumentsContent() ?? "", line, facts.from.length === 0 ? metaArgs : null, escape));
    else if (keyword === "FROM") {
      const [first, ...rest] = ins.getArguments();
      if (first === undefined) facts.problems.push(`Line ${line}: FROM names no image.`);
      else {
        const image = first.getValue();
        const base = fromBase(image, metaArgs, facts.from.map((f) => f.stage), escape);
        const { start, end } = first.getRange();
        const span = { start: (offsets[start.line] ?? 0) + start.character, end: (offsets[end.line] ?? 0) + end.character };
        facts.from.push({ image, base, stage: rest[0]?.getValue().toUpperCase() === "AS" ? (rest[1]?.getValue() ?? null) : null, line, span });
      }
    } else if (keyword === "RUN") facts.runs.push({ command: execArgs(content)?.join(" ") ?? content, line });
    else if (keyword === "COPY" || keyword === "ADD") {
      const args = execArgs(content) ?? argumentWords(ins);
      const destination = args.at(-1);
      if (args.length < 2 || destination === undefined) facts.problems.push(`Line ${line}: ${keyword} needs a source and a destination.`);
      else facts.copies.push({ instruction: keyword, sources: args.slice(0, -1), destination, line });
    } else if (keyword === "WORKDIR") facts.workdir = content || null;
    else if (keyword === "EXPOSE") facts.expose.push(...argumentWords(ins).map((port) => ({ port, line })));
    else if (keyword === "CMD" || keyword === "ENTRYPOINT") {
      const command = commandFact(ins, content, line);
      if (keyword === "CMD") facts.cmd = command;
      else facts.entrypoint = command;
      if (command.form === "shell" && content.startsWith("[")) {
        facts.problems.push(`Line ${line}: ${keyword} starts with [ but is not a JSON list of "double-quoted" strings, so Docker runs it as a shell command.`);
      }
    }
  }
  return facts;
}

// The script that CMD/ENTRYPOINT would hand to python, as written ("app.py", "/app/app.py"); the caller resolves it.
export function commandScript(facts: DockerfileFacts): string | null {
  const { entrypoint, cmd } = facts;
  const args = entrypoint ? [...entrypoint.args, ...(entrypoint.form === "exec" && cmd ? cmd.args : [])] : (cmd?.args ?? []);
  const script = args.map((a) => a.replace(/^["']|["']$/g, "")).find((a) => a.endsWith(".py"));
  return script ?? null;
}

function commandFact(ins: Instruction, content: string, line: number): CommandFact {
  const exec = execArgs(content);
  return exec ? { form: "exec", args: exec, line } : { form: "shell", args: argumentWords(ins), line };
}

// Docker's own rule: the arguments are the exec form only when they parse as a JSON array of strings.
function execArgs(content: string): string[] | null {
  if (!content.startsWith("[")) return null;
  try {
    const parsed: unknown = JSON.parse(content);
    return Array.isArray(parsed) && parsed.every((a) => typeof a === "string") ? parsed : null;
  } catch {
    return null;
  }
}

// `ARG A=1 B="x y" C`: each name and its default. Before the first FROM (scope given), a default is expanded
// with the ARGs before it and is in scope for the FROM lines; labgrade passes no --build-arg.
function readArgs(content: string, line: number, scope: MetaArgs | null, escape: string): ArgFact[] {
  return splitWords(content, escape).map((word) => {
    const eq = word.indexOf("=");
    const name = eq >= 0 ? word.slice(0, eq) : word;
    const written = eq >= 0 ? word.slice(eq + 1) : null;
    if (scope && written !== null) {
      const expanded = expandWord(written, scope.values, escape);
      if ("value" in expanded) scope.values.set(name, expanded.value);
      else scope.opaque.add(name);
    }
    return { name, default: written, line, beforeFrom: scope !== null };
  });
}

// Where each line starts, as the editor (and dockerfile-ast's positions) count lines: \r\n, \n or \r ends one.
function lineOffsets(text: string): number[] {
  const offsets = [0];
  for (const match of text.matchAll(/\r\n|\n|\r/g)) offsets.push(match.index + match[0].length);
  return offsets;
}

// Arguments without flags (--chown, --platform): dockerfile-ast leaves those out of getArguments().
function argumentWords(ins: Instruction): string[] {
  return ins.getArguments().map((a) => a.getValue());
}

function textProblems(text: string): string[] {
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    if (raw.trimStart().startsWith("#")) return;
    const curly = [...new Set(raw.match(CURLY) ?? [])];
    if (curly.length > 0) problems.push(`Line ${i + 1} has curly quotes ${curly.join(" ")} (pasted from a document): retype them as straight quotes ".`);
    if (raw.includes("\u00a0")) problems.push(`Line ${i + 1} has a non-breaking space (pasted from a document): retype it as a plain space.`);
  });
  return problems;
}
