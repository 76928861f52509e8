import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type Command, CommanderError } from "commander";
import { describe, expect, it } from "vitest";
import { labgradeProgram } from "./main.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

interface Shown {
  /** Where the command is shown: file and line. */
  at: string;
  /** Its words, from `labgrade` or `npm` on. */
  words: string[];
  /** In inline code, where prose names a command (`labgrade merge`) without all it needs to run. */
  inline: boolean;
}

// Every command line the Markdown shows, in code blocks (but ```text blocks, which show output) and in inline
// code: `labgrade …`, `npx labgrade …`, `node …/bin/labgrade.js …`, `npm test`, `npm run …`.
function commandsIn(markdown: string, file: string): Shown[] {
  const shown: Shown[] = [];
  let fence: string | null = null;
  let joined = "";
  markdown.split("\n").forEach((line, index) => {
    const at = `${file}:${index + 1}`;
    const opening = /^\s*```(\S*)/.exec(line);
    if (opening) {
      fence = fence === null ? opening[1] || "sh" : null;
      return;
    }
    if (fence === null) {
      for (const span of line.matchAll(/`([^`]+)`/g)) shown.push(...commandsOfLine(span[1] ?? "", at, { inline: true }));
      return;
    }
    if (fence === "text") return;
    // A backslash at the end continues the command on the next line.
    joined += line.replace(/\\$/, " ");
    if (line.endsWith("\\")) return;
    shown.push(...commandsOfLine(joined, at, { inline: false }));
    joined = "";
  });
  return shown;
}

// The commands of one shell line: split at && || ; |, comments dropped, GitHub Actions expressions as a value.
function commandsOfLine(line: string, at: string, { inline }: { inline: boolean }): Shown[] {
  const text = line.replace(/\$\{\{[^}]*\}\}/g, "1").replace(/(^|\s)#.*$/, "");
  return text
    .split(/&&|\|\||;|\|/)
    .map((segment) => words(segment))
    .flatMap((ws) => {
      // What may come before the command: a prompt, a YAML key, an environment assignment, a subshell.
      const start = ws.findIndex((w) => !/^(\$|-|run:|command:|\(|[A-Za-z_][A-Za-z0-9_]*=.*|\$env:\S+=.*)$/.test(w));
      const rest = start < 0 ? [] : ws.slice(start);
      if (inline && start !== 0) return [];
      if (rest[0] === "npx" && rest[1] === "labgrade") return [{ at, words: rest.slice(1), inline }];
      if (rest[0] === "node" && /(^|\/)bin\/labgrade\.js$/.test(rest[1] ?? "")) return [{ at, words: ["labgrade", ...rest.slice(2)], inline }];
      if (rest[0] === "labgrade" || rest[0] === "npm") return [{ at, words: rest.map((w) => w.replace(/\)$/, "")), inline }];
      return [];
    });
}

// Shell words, with '…' and "…" quoting.
function words(segment: string): string[] {
  return [...segment.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? "");
}

// What is wrong with `labgrade ARGS` as the command line would parse it: an unknown subcommand or flag, a
// flag's value it refuses, and (for a whole command line) too few or too many arguments, a required flag missing.
function problemsOf(args: readonly string[], { whole = true }: { whole?: boolean } = {}): string[] {
  const { program } = labgradeProgram({}, new AbortController().signal);
  const [name, ...rest] = args;
  if (name === undefined || name === "--help" || name === "-h" || name === "--version" || name === "-V") return [];
  const command = program.commands.find((c) => c.name() === name || c.aliases().includes(name));
  if (!command) return [`labgrade has no command \`${name}\` (it has ${program.commands.map((c) => c.name()).join(", ")})`];
  return problemsOfCommand(command, rest, whole);
}

function problemsOfCommand(command: Command, args: string[], whole: boolean): string[] {
  // A command of commands (`labgrade lab check …`): the subcommand named next parses the rest.
  if (command.commands.length > 0) {
    const [name, ...rest] = args;
    const sub = command.commands.find((c) => c.name() === name);
    if (!sub) return name === undefined && !whole ? [] : [`labgrade ${command.name()} has no command \`${name ?? ""}\` (it has ${command.commands.map((c) => c.name()).join(", ")})`];
    return problemsOfCommand(sub, rest, whole);
  }
  const refused: string[] = [];
  command.configureOutput({ writeErr: (text) => void refused.push(text.trim()), writeOut: () => undefined });
  let parsed: { operands: string[]; unknown: string[] };
  try {
    parsed = command.parseOptions(args);
  } catch (error) {
    if (error instanceof CommanderError) return [`labgrade ${command.name()}: ${(refused[0] ?? error.message).split("\n")[0]}`];
    throw error;
  }
  if (parsed.unknown[0] === "--help" || parsed.unknown[0] === "-h") return [];
  const problems = parsed.unknown.filter((w) => w.startsWith("-")).map((flag) => `labgrade ${command.name()} has no flag ${flag}`);
  if (!whole) return problems;
  const declared = command.registeredArguments;
  const required = declared.filter((a) => a.required).length;
  const most = declared.at(-1)?.variadic ? Infinity : declared.length;
  const operands = [...parsed.operands, ...parsed.unknown.filter((w) => !w.startsWith("-"))];
  if (operands.length < required) problems.push(`labgrade ${command.name()} needs ${required} argument(s); given ${operands.length}`);
  if (operands.length > most) problems.push(`labgrade ${command.name()} takes at most ${most} argument(s); given ${operands.length}: ${operands.join(" ")}`);
  for (const option of command.options.filter((o) => o.mandatory)) {
    if (command.getOptionValue(option.attributeName()) === undefined) problems.push(`labgrade ${command.name()} needs ${option.long}`);
  }
  return problems;
}

// npm's own commands the docs show; any other is a script of package.json.
const NPM_COMMANDS = new Set(["ci", "install", "i"]);

function npmProblems(words: readonly string[], scripts: Record<string, string>, { whole = true }: { whole?: boolean } = {}): string[] {
  const [, sub, script] = words;
  if (!whole && (sub === "run" || sub === "run-script") && script === undefined) return [];
  if (sub === "test" || sub === "t") return "test" in scripts ? [] : ["package.json has no test script"];
  if (sub === "run" || sub === "run-script") return script && script in scripts ? [] : [`package.json has no script \`${script ?? ""}\``];
  return sub && NPM_COMMANDS.has(sub) ? [] : [`\`npm ${sub ?? ""}\` is not a command the docs expect`];
}

async function docs(): Promise<Array<{ file: string; text: string }>> {
  const names = (await readdir(path.join(ROOT, "docs"))).filter((n) => n.endsWith(".md")).map((n) => `docs/${n}`);
  return Promise.all(["README.md", ...names].map(async (file) => ({ file, text: await readFile(path.join(ROOT, file), "utf8") })));
}

describe("the commands the README and docs/ show", async () => {
  const files = await docs();
  const shown = files.flatMap(({ file, text }) => commandsIn(text, file));
  const scripts = (JSON.parse(await readFile(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;

  it("are found: the README's two commands and every labgrade command", () => {
    expect(files.map((f) => f.file)).toEqual(expect.arrayContaining(["README.md", "docs/students.md", "docs/bulk.md", "docs/development.md"]));
    const lines = shown.map((s) => s.words.join(" "));
    expect(lines).toEqual(expect.arrayContaining(["npm run setup", "labgrade grade", "npm test"]));
    const { program } = labgradeProgram({}, new AbortController().signal);
    const used = new Set(shown.filter((s) => s.words[0] === "labgrade").map((s) => s.words[1]));
    for (const command of program.commands) expect(used, `a command line using labgrade ${command.name()}`).toContain(command.name());
  });

  it("use only labgrade's commands and flags, with values it accepts", () => {
    const problems = shown.filter((s) => s.words[0] === "labgrade").flatMap((s) => problemsOf(s.words.slice(1), { whole: !s.inline }).map((p) => `${s.at}: ${s.words.join(" ")}\n  ${p}`));
    expect(problems).toEqual([]);
  });

  it("run only npm scripts package.json has", () => {
    const problems = shown.filter((s) => s.words[0] === "npm").flatMap((s) => npmProblems(s.words, scripts, { whole: !s.inline }).map((p) => `${s.at}: ${s.words.join(" ")}\n  ${p}`));
    expect(problems).toEqual([]);
  });
});

// GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens.
const anchorOf = (heading: string) => heading.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, "").replace(/\s/g, "-");

describe("the links between the README and docs/", async () => {
  const files = await docs();
  const anchors = new Map(files.map(({ file, text }) => [path.join(ROOT, file), new Set([...text.matchAll(/^#+ (.+)$/gm)].map((m) => anchorOf(m[1] ?? "")))]));

  it("lead to files and headings that exist", async () => {
    const broken: string[] = [];
    for (const { file, text } of files) {
      for (const [, target = ""] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/.test(target)) continue;
        const [where = "", anchor] = target.split("#");
        const resolved = where ? path.resolve(path.dirname(path.join(ROOT, file)), where) : path.join(ROOT, file);
        const exists = await readFile(resolved).then(() => true, () => false);
        if (!exists) broken.push(`${file}: ${target} (no such file)`);
        else if (anchor && !anchors.get(resolved)?.has(anchor)) broken.push(`${file}: ${target} (no such heading)`);
      }
    }
    expect(broken).toEqual([]);
  });
});

describe("the docs' command check", () => {
  it("finds commands in code blocks and inline code, and skips output and prose", () => {
    const markdown = [
      "Run `npx labgrade watch ../my-lab` beside your terminal; labgrade grade is prose.",
      "```sh",
      "LAB_SUBMISSION=../my-lab npm test   # a comment: labgrade bulk --nope",
      "npm ci && npx labgrade images --offline",
      "node bin/labgrade.js grade . \\",
      "  --out reports/x",
      "```",
      "```yaml",
      "      - run: npx labgrade bulk export.zip --shard ${{ matrix.shard }}/4",
      "```",
      "```text",
      "labgrade could not finish: no engine",
      "```",
    ].join("\n");
    expect(commandsIn(markdown, "x.md").map((s) => `${s.at} ${s.words.join(" ")}`)).toEqual([
      "x.md:1 labgrade watch ../my-lab",
      "x.md:3 npm test",
      "x.md:4 npm ci",
      "x.md:4 labgrade images --offline",
      "x.md:6 labgrade grade . --out reports/x",
      "x.md:9 labgrade bulk export.zip --shard 1/4",
    ]);
  });

  it("fails a made-up command or flag, a refused value, a missing argument or required flag", () => {
    expect(problemsOf(["grade", "--made-up-flag"])).toEqual(["labgrade grade has no flag --made-up-flag"]);
    expect(problemsOf(["grades"])[0]).toMatch(/^labgrade has no command `grades`/);
    expect(problemsOf(["bulk", "export.zip", "--shard", "K/N"])[0]).toMatch(/^labgrade bulk: .*--shard/);
    expect(problemsOf(["passed", "docker-engine"])).toEqual(["labgrade passed needs --results"]);
    expect(problemsOf(["passed", "--results", "r.json"])).toEqual(["labgrade passed needs 1 argument(s); given 0"]);
    expect(problemsOf(["grade", "a", "b"])).toEqual(["labgrade grade takes at most 1 argument(s); given 2: a b"]);
    expect(problemsOf(["collect", "-o", "evidence.json"])).toEqual([]);
    expect(problemsOf(["grade", "--no-engine", "--evidence", "carried", "--timeout", "90"])).toEqual([]);
    expect(problemsOf(["merge", "shard-1", "shard-2", "--out", "class"])).toEqual([]);
    expect(problemsOf(["merge"], { whole: false })).toEqual([]);
    expect(problemsOf(["merge", "--outt"], { whole: false })).toEqual(["labgrade merge has no flag --outt"]);
  });

  it("fails an npm script package.json does not have", () => {
    expect(npmProblems(["npm", "run", "no-such-script"], { test: "vitest" })).toEqual(["package.json has no script `no-such-script`"]);
    expect(npmProblems(["npm", "test"], {})).toEqual(["package.json has no test script"]);
    expect(npmProblems(["npm", "run", "check"], { check: "x" })).toEqual([]);
  });
});
