import type { DockerfileFacts } from "./dockerfile-facts.ts";

// `pip install` lines of a Dockerfile, read the way the shell would split them.
export interface PipInstall {
  command: string;
  line: number;
  packages: Array<{ name: string; written: string; invalid: boolean }>;
  /** Files named with -r / --requirement. */
  requirements: string[];
}

// Options of `pip install` that take a value, so the value is not read as a package.
const VALUED = new Set(["-c", "--constraint", "-i", "--index-url", "--extra-index-url", "-f", "--find-links", "-t", "--target", "--prefix", "--root", "--platform", "--python-version", "--implementation", "--abi", "--trusted-host", "--timeout", "--retries", "--cache-dir", "--progress-bar", "--src", "-e", "--editable", "--upgrade-strategy", "--only-binary", "--no-binary", "--log", "--proxy", "--cert", "--client-cert", "--exists-action", "--report", "-C", "--config-settings", "--global-option"]);

const PREFIXES = new Set(["sudo", "exec", "env", "command", "time", "nice", "sh", "bash"]);

export function findPipInstalls(facts: DockerfileFacts): PipInstall[] {
  return facts.runs.flatMap(({ command, line }) => {
    const found = command.split(/&&|\|\||;|\||\n/).flatMap((segment) => pipArguments(segment.trim().split(/\s+/).map(unquote)));
    if (found.length === 0) return [];
    const install: PipInstall = { command, line, packages: [], requirements: [] };
    for (const args of found) readInstallArgs(args, install);
    return [install];
  });
}

export function requirementsFiles(facts: DockerfileFacts): string[] {
  return findPipInstalls(facts).flatMap((i) => i.requirements);
}

// The words after `install` when the segment's command is pip (`pip`, `pip3`, `/usr/bin/pip3.12`, `python -m pip`),
// past `sudo`, `VAR=value` and `sh -c`; `echo pip install` runs echo, not pip.
function pipArguments(words: string[]): string[][] {
  const program = (at: number) => words[at]?.split("/").at(-1) ?? "";
  let i = 0;
  while (/^\w+=/.test(words[i] ?? "") || PREFIXES.has(program(i)) || words[i] === "-c") i++;
  let next: number;
  if (/^python[\d.]*$/.test(program(i)) && words[i + 1] === "-m" && words[i + 2] === "pip") next = i + 3;
  else if (/^pip[\d.]*$/.test(program(i))) next = i + 1;
  else return [];
  while (words[next]?.startsWith("-")) next++;
  return words[next] === "install" ? [words.slice(next + 1)] : [];
}

function readInstallArgs(args: string[], into: PipInstall): void {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    const req = /^(?:-r|--requirement)(?:=|$)(.*)$/.exec(arg) ?? /^-r(.+)$/.exec(arg);
    if (req) into.requirements.push(req[1] || (args[++i] ?? ""));
    else if (VALUED.has(arg)) i++;
    else if (!arg.startsWith("-")) into.packages.push(packageName(arg));
  }
}

export function requirementNames(text: string): string[] {
  return text.split(/\r?\n/).map((l) => l.replace(/(^|\s)#.*$/, "").trim()).filter((l) => l && !l.startsWith("-")).map((l) => packageName(l).name);
}

// A package named with at most extras and one version bound (`numpy`, `matplotlib[extra]>=3.8`): nothing that
// reads a file, a URL or an environment marker. The one grammar of a requirement; packageName below is its lenient reading.
const PLAIN_REQUIREMENT = /^[A-Za-z0-9][A-Za-z0-9._-]*(\[[A-Za-z0-9,._-]+\])?((==|>=|<=|~=|!=|>|<)[A-Za-z0-9.*+!_-]+)?$/;
export const isPlainRequirement = (word: string): boolean => PLAIN_REQUIREMENT.test(word);

// `numpy==1.26`, `matplotlib[extra]>=3`, `NumPy` → the PEP 503 name; `numpy,` is invalid (pip rejects it).
function packageName(spec: string): { name: string; written: string; invalid: boolean } {
  const match = /^([A-Za-z0-9][A-Za-z0-9._-]*)(.*)$/.exec(spec);
  const rest = match?.[2] ?? "";
  const invalid = !match || !/^(?:$|[[=<>!~;@ ])/.test(rest);
  return { name: (match?.[1] ?? spec).toLowerCase().replace(/[-_.]+/g, "-"), written: spec, invalid };
}

function unquote(word: string): string {
  return word.replace(/^["']+|["']+$/g, "");
}
