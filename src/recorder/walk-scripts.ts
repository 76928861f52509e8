import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { HarnessError } from "../errors.ts";
import type { StepStatus } from "../lab/check-result.ts";
import { engineSteps, type Lab } from "../lab/lab.ts";
import { labFolder } from "../labfile/index.ts";

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

// A lab's walks.yaml (beside its lab file): what `labgrade lab record` walks, and the verdicts each leaves.
export function labWalkScripts(lab: Lab): Walk[] {
  const file = path.join(labFolder(lab), "walks.yaml");
  if (!existsSync(file)) throw new HarnessError("BAD_INPUT", `${lab.id} has no walks to record: expected ${file}.`, "Write the handout's commands into walks.yaml beside the lab file (docs/authoring.md, \"Walks\"); `labgrade lab new` writes one to start from.");
  let data: { walks?: Array<{ name?: unknown; description?: string; commands?: RawCommand[]; expect?: Record<string, StepStatus | undefined> & { all?: StepStatus } }> };
  try {
    data = parse(readFileSync(file, "utf8"), { merge: true, maxAliasCount: 1000 }) as typeof data;
  } catch (error) {
    throw new HarnessError("BAD_INPUT", `${file} is not valid YAML: ${(error as Error).message}`, "Fix the line it names.");
  }
  const bad = (what: string) => new HarnessError("BAD_INPUT", `${file}: ${what}.`, "docs/authoring.md (\"Walks\") shows a walks.yaml.");
  if (!Array.isArray(data?.walks)) throw bad("expected a list under `walks:`, found none");
  const engineIds = engineSteps(lab).map((s) => s.id);
  const statuses: readonly string[] = ["passed", "failed", "skipped", "error"];
  const names = new Set<string>();
  return data.walks.map((walk, index) => {
    if (typeof walk?.name !== "string" || !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(walk.name)) throw bad(`walks[${index}] needs a \`name:\` of lowercase words joined by hyphens (its recording's folder), found ${JSON.stringify(walk?.name)}`);
    if (names.has(walk.name)) throw bad(`two walks are named ${walk.name}`);
    names.add(walk.name);
    if (!Array.isArray(walk.commands) || walk.commands.length === 0) throw bad(`the walk ${walk.name} needs \`commands:\`, a list of docker commands`);
    const { all, ...each } = walk.expect ?? {};
    const unknown = Object.keys(each).filter((id) => !engineIds.includes(id));
    if (unknown.length) throw bad(`the walk ${walk.name} expects ${unknown.join(", ")}, which ${unknown.length === 1 ? "is not an engine step" : "are not engine steps"} of ${lab.id} (its engine steps: ${engineIds.join(", ")})`);
    const wrongStatus = Object.entries({ ...each, ...(all !== undefined ? { all } : {}) }).filter(([, status]) => !statuses.includes(String(status)));
    if (wrongStatus.length) throw bad(`the walk ${walk.name} expects ${wrongStatus.map(([id, s]) => `${id}: ${JSON.stringify(s)}`).join(", ")}; a verdict is one of ${statuses.join(", ")}`);
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
    if (split[0] !== "docker") throw new HarnessError("BAD_INPUT", `A walk's command runs docker: \`${line}\` does not start with \`docker\``);
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
  if (quote) throw new HarnessError("BAD_INPUT", `A walk's command has an unclosed ${quote}: \`${line}\``);
  if (word !== null) words.push(word);
  return words;
}
