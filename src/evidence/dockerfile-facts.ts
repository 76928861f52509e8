import { DockerfileParser, Keyword, type Instruction } from "dockerfile-ast";

// What a Dockerfile says, as plain data. Line numbers are 1-based, as a student's editor shows them.
export interface DockerfileFacts {
  /** Every FROM, in order; stage is the `AS name` alias. */
  from: Array<{ image: string; stage: string | null; line: number }>;
  /** RUN commands with continuations joined and whitespace collapsed. */
  runs: Array<{ command: string; line: number }>;
  copies: Array<{ instruction: "COPY" | "ADD"; sources: string[]; destination: string; line: number }>;
  /** The last WORKDIR. */
  workdir: string | null;
  /** The last CMD. Shell form keeps its words as written, quotes included. */
  cmd: CommandFact | null;
  entrypoint: CommandFact | null;
  /** Oddities worth telling a student: curly quotes, unknown instructions, exec forms that are not JSON. */
  problems: string[];
}

export interface CommandFact {
  form: "exec" | "shell";
  args: string[];
  line: number;
}

const KEYWORDS = new Set<string>(Object.values(Keyword));
const CURLY = /[“”‘’]/g;

export function readDockerfileFacts(text: string): DockerfileFacts {
  const facts: DockerfileFacts = { from: [], runs: [], copies: [], workdir: null, cmd: null, entrypoint: null, problems: textProblems(text) };
  for (const ins of DockerfileParser.parse(text).getInstructions()) {
    const keyword = ins.getKeyword();
    const line = ins.getRange().start.line + 1;
    const content = (ins.getArgumentsContent() ?? "").replace(/\s+/g, " ").trim();
    if (!KEYWORDS.has(keyword)) facts.problems.push(`Line ${line}: \`${ins.getInstruction()}\` is not a Dockerfile instruction.`);
    else if (keyword === "FROM") {
      const words = argumentWords(ins);
      const image = words[0];
      if (image === undefined) facts.problems.push(`Line ${line}: FROM names no image.`);
      else facts.from.push({ image, stage: words[1]?.toUpperCase() === "AS" ? (words[2] ?? null) : null, line });
    } else if (keyword === "RUN") facts.runs.push({ command: execArgs(content)?.join(" ") ?? content, line });
    else if (keyword === "COPY" || keyword === "ADD") {
      const args = execArgs(content) ?? argumentWords(ins);
      const destination = args.at(-1);
      if (args.length < 2 || destination === undefined) facts.problems.push(`Line ${line}: ${keyword} needs a source and a destination.`);
      else facts.copies.push({ instruction: keyword, sources: args.slice(0, -1), destination, line });
    } else if (keyword === "WORKDIR") facts.workdir = content || null;
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
