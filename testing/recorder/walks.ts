import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import type { StepStatus } from "../../src/lab/check-result.ts";
import { engineSteps, type Lab } from "../../src/lab/lab.ts";
import { labFolder } from "../../src/labfile/index.ts";

// One docker CLI command of a handout, as a student types it.
export interface WalkCommand {
  args: string[];
  /** Run in this folder of the lab's (`in: reference`, for `docker build -t pythonapp .`); else a scratch folder. */
  in?: string;
  /** Offline, `docker pull` fails: the walk goes on, as a student's would. */
  mayFail?: boolean;
  /** Tried when the command fails (`docker image rm hello-world` needs -f while a container uses it). */
  orElse?: string[];
}

export interface Walk {
  name: string;
  description: string;
  commands: WalkCommand[];
  /** The lab's engine steps, each with the status the walk leaves it. */
  expected: Record<string, StepStatus>;
}

type RawCommand = string | { run: string; in?: string; or?: string; may_fail?: boolean } | RawCommand[];

// A lab's walks.yaml (beside its lab file): what `npm run record` walks, and the verdicts each leaves.
export function labWalkScripts(lab: Lab): Walk[] {
  const file = path.join(labFolder(lab), "walks.yaml");
  const data = parse(readFileSync(file, "utf8"), { merge: true, maxAliasCount: 1000 }) as { walks?: Array<{ name: string; description?: string; commands: RawCommand[]; expect?: Record<string, StepStatus | undefined> & { all?: StepStatus } }> };
  if (!Array.isArray(data?.walks)) throw new Error(`${file} holds no walks: a list under \`walks:\``);
  const engineIds = engineSteps(lab).map((s) => s.id);
  return data.walks.map((walk) => {
    const { all, ...each } = walk.expect ?? {};
    const unknown = Object.keys(each).filter((id) => !engineIds.includes(id));
    if (unknown.length) throw new Error(`${file}: the walk ${walk.name} expects ${unknown.join(", ")}, which ${unknown.length === 1 ? "is not an engine step" : "are not engine steps"} of ${lab.id}`);
    const expected = Object.fromEntries(engineIds.map((id) => [id, each[id] ?? all ?? "passed"])) as Record<string, StepStatus>;
    return { name: walk.name, description: walk.description ?? walk.name, commands: flatten(walk.commands).map(command), expected };
  });
}

function flatten(commands: RawCommand[]): Array<Exclude<RawCommand, RawCommand[]>> {
  return commands.flatMap((c) => (Array.isArray(c) ? flatten(c) : [c]));
}

// `docker run --name x hello-world` → ["run", "--name", "x", "hello-world"]: words as a shell splits them.
function command(raw: Exclude<RawCommand, RawCommand[]>): WalkCommand {
  const text = typeof raw === "string" ? raw : raw.run;
  const words = (line: string) => {
    const split = shellWords(line.trim());
    if (split[0] !== "docker") throw new Error(`A walk's command runs docker: \`${line}\` does not start with \`docker\``);
    return split.slice(1);
  };
  if (typeof raw === "string") return { args: words(text) };
  return { args: words(text), ...(raw.in ? { in: raw.in } : {}), ...(raw.may_fail ? { mayFail: true } : {}), ...(raw.or ? { orElse: words(raw.or) } : {}) };
}

// Words as a POSIX shell splits them: quotes group and are removed, a backslash escapes the next character.
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let word: string | null = null;
  let quote: "'" | '"' | null = null;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quote === "'") {
      if (ch === "'") quote = null;
      else word += ch;
    } else if (quote === '"') {
      if (ch === '"') quote = null;
      else if (ch === "\\" && i + 1 < line.length && '"\\$`'.includes(line[i + 1]!)) word += line[++i]!;
      else word += ch;
    } else if (/\s/.test(ch)) {
      if (word !== null) words.push(word);
      word = null;
    } else {
      word ??= "";
      if (ch === "'" || ch === '"') quote = ch;
      else if (ch === "\\" && i + 1 < line.length) word += line[++i]!;
      else word += ch;
    }
  }
  if (quote) throw new Error(`A walk's command has an unclosed ${quote}: \`${line}\``);
  if (word !== null) words.push(word);
  return words;
}
