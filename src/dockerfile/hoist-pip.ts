import { DockerfileParser } from "dockerfile-ast";
import { isInstruction } from "./instructions.ts";
import { isPlainRequirement } from "./pip-installs.ts";

// `python -m pip` is not hoisted: it puts the working directory on sys.path, so the copied files can change
// what pip does (a student's logging.py).
const PIP = /^pip3?\s+install\s+(.+)$/;
const OPTIONS = new Set(["-q", "--quiet", "-U", "--upgrade", "--no-cache-dir", "--disable-pip-version-check", "--root-user-action=ignore", "--no-warn-script-location", "--progress-bar=off"]);

/** The text of a RUN step hoisted above the COPY/ADD steps before it, as the build log names it. */
export interface Hoisted {
  step: string;
}

// A `RUN pip install numpy matplotlib` placed after `COPY . /app` (as the handout writes it) makes the
// engine redo the whole install for every student whose files differ by a byte. The install does not read
// the copied files when it names packages only, so building it before those COPY steps gives the same
// image, and one install serves the whole class from the engine's cache. Anything else stays as written:
// a requirements file, a path, a shell operator, a variable, an unknown instruction, any other step between.
export function hoistPipInstalls(text: string): { text: string; hoisted: Hoisted[]; originalLine: (line: number) => number } {
  const hoisted: Hoisted[] = [];
  let current = text;
  // origin[i]: the student's line (0-based) that line i of the built Dockerfile is.
  let origin = text.split("\n").map((_, i) => i);
  for (let pass = 0; pass < 16; pass++) {
    const next = hoistOne(current, origin);
    if (!next) break;
    current = next.text;
    origin = next.origin;
    hoisted.push({ step: next.step });
  }
  const map = origin;
  return { text: current, hoisted, originalLine: (line) => (map[line - 1] ?? line - 1) + 1 };
}

// The daemon's words about the built Dockerfile ("dockerfile parse error line 5: …"), with the student's lines.
// BuildKit's: "Dockerfile:5" and its excerpt's numbered lines ("   5 | >>> RUN …").
export function withOriginalLines(message: string, originalLine: (line: number) => number): string {
  return message
    .replace(/\bline (\d+)/g, (_, n: string) => `line ${originalLine(Number(n))}`)
    .replace(/^([^\s:]*Dockerfile[^\s:]*):(\d+)$/gm, (_, file: string, n: string) => `${file}:${originalLine(Number(n))}`)
    .replace(/^(\s*)(\d+)( \| )/gm, (_, pad: string, n: string, bar: string) => `${pad}${originalLine(Number(n))}${bar}`);
}

function hoistOne(text: string, origin: number[]): { text: string; step: string; origin: number[] } | null {
  const instructions = DockerfileParser.parse(text).getInstructions();
  if (instructions.some((i) => !isInstruction(i.getKeyword()))) return null;
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
      const move = <T>(items: T[]): T[] => {
        const rest = [...items.slice(0, from), ...items.slice(to + 1)];
        rest.splice(target, 0, ...items.slice(from, to + 1));
        return rest;
      };
      return { text: move(lines).join("\n"), step: `RUN ${args}`, origin: move(origin) };
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
  return words.every((w) => OPTIONS.has(w) || isPlainRequirement(w));
}
