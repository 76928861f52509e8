import { DockerfileParser } from "dockerfile-ast";

const KNOWN = new Set(["ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE", "FROM", "HEALTHCHECK", "LABEL", "MAINTAINER", "ONBUILD", "RUN", "SHELL", "STOPSIGNAL", "USER", "VOLUME", "WORKDIR"]);
const PIP = /^(?:pip3?|python3?\s+-m\s+pip)\s+install\s+(.+)$/;
const OPTIONS = new Set(["-q", "--quiet", "-U", "--upgrade", "--no-cache-dir", "--disable-pip-version-check", "--root-user-action=ignore", "--no-warn-script-location", "--progress-bar=off"]);
const REQUIREMENT = /^[A-Za-z0-9][A-Za-z0-9._-]*(\[[A-Za-z0-9,._-]+\])?((==|>=|<=|~=|!=|>|<)[A-Za-z0-9.*+!_-]+)?$/;

/** The text of a RUN step hoisted above the COPY/ADD steps before it, as the build log names it. */
export interface Hoisted {
  step: string;
}

// A `RUN pip install numpy matplotlib` placed after `COPY . /app` (as the handout writes it) makes the
// engine redo the whole install for every student whose files differ by a byte. The install does not read
// the copied files when it names packages only, so building it before those COPY steps gives the same
// image, and one install serves the whole class from the engine's cache. Anything else stays as written:
// a requirements file, a path, a shell operator, a variable, an unknown instruction, any other step between.
export function hoistPipInstalls(text: string): { text: string; hoisted: Hoisted[] } {
  const hoisted: Hoisted[] = [];
  let current = text;
  for (let pass = 0; pass < 16; pass++) {
    const next = hoistOne(current);
    if (!next) break;
    current = next.text;
    hoisted.push({ step: next.step });
  }
  return { text: current, hoisted };
}

function hoistOne(text: string): { text: string; step: string } | null {
  const instructions = DockerfileParser.parse(text).getInstructions();
  if (instructions.some((i) => !KNOWN.has(i.getKeyword().toUpperCase()))) return null;
  let copies: number | null = null;
  for (const [index, ins] of instructions.entries()) {
    const keyword = ins.getKeyword().toUpperCase();
    if (keyword === "COPY" || keyword === "ADD") {
      copies ??= index;
      continue;
    }
    const args = ins.getArgumentsContent()?.replace(/\\\r?\n/g, " ").replace(/\s+/g, " ").trim() ?? "";
    if (keyword === "RUN" && copies !== null && pureNameInstall(args)) {
      const lines = text.split("\n");
      const from = ins.getRange().start.line;
      const to = ins.getRange().end.line;
      const target = instructions[copies]!.getRange().start.line;
      const moved = lines.slice(from, to + 1);
      const rest = [...lines.slice(0, from), ...lines.slice(to + 1)];
      rest.splice(target, 0, ...moved);
      return { text: rest.join("\n"), step: `RUN ${args}` };
    }
    copies = null;
  }
  return null;
}

// `pip install` of named packages (with versions and extras) and harmless options, nothing else.
export function pureNameInstall(args: string): boolean {
  const match = PIP.exec(args);
  if (!match) return false;
  const words = match[1]!.split(" ").map((w) => w.replace(/^(["'])(.*)\1$/, "$2"));
  if (words.every((w) => OPTIONS.has(w))) return false;
  return words.every((w) => OPTIONS.has(w) || REQUIREMENT.test(w));
}
