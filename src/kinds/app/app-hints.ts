import { at, type Location } from "../../lab/check-result.ts";
import { type AppLore, commandLine } from "./app-lore.ts";

// Why a student's app crashed, read from its stderr: what was found and what to do about it.
export interface AppHint {
  found: string;
  hint: string;
  /** The line of the app to fix, when the error names one. */
  location?: Location;
}

export interface HintContext {
  /** The .dockerignore pattern that drops the app script, when one does. */
  dockerignoreExcluded: string | null;
  /** The app script in the submission folder. */
  appFile: string | null;
  /** What the lab says of its app: the packages it installs and the handout's lines. */
  lore: Pick<AppLore, "packages" | "pipLine" | "workdirLine" | "copyLine" | "command" | "script">;
}

const CURLY_NAMES: Record<string, string> = { "“": "U+201C", "”": "U+201D", "‘": "U+2018", "’": "U+2019" };

export function diagnoseCrash(stderr: string, context: HintContext): AppHint | null {
  return curlyQuoteHint(stderr, context.appFile) ?? backendHint(stderr) ?? missingModuleHint(stderr, context.lore) ?? cannotOpenHint(stderr, context) ?? shellNotFoundHint(stderr, context.lore) ?? processLimitHint(stderr);
}

// Python 3.11+: `File "/app/app.py", line 5` … `SyntaxError: invalid character '“' (U+201C)`.
export function curlyQuoteHint(stderr: string, appFile: string | null = null): AppHint | null {
  const error = /SyntaxError: invalid character '(.)' \((U\+[0-9A-F]+)\)|SyntaxError: invalid character in identifier/.exec(stderr);
  if (!error) return null;
  const where = [...stderr.matchAll(/File "([^"]+)", line (\d+)\n(?: {4}(.*)\n)?/g)].at(-1);
  const source = where?.[3] ?? "";
  const chars = [...new Set([...(error[1] ?? ""), ...source].filter((c) => c in CURLY_NAMES))];
  if (chars.length === 0) return null;
  const file = where?.[1]?.split("/").at(-1) ?? "the app";
  const line = where ? `line ${where[2]} of ${file}` : file;
  return {
    found: `SyntaxError: ${line} has curly quotes ${chars.map((c) => `${c} (${CURLY_NAMES[c]})`).join(", ")}${source ? `: \`${source.trim()}\`` : ""}`,
    hint: `The quotes were pasted from the handout. Retype ${chars.join(" ")} on ${line} as straight quotes " (or '), save, rebuild and run again.`,
    ...(where?.[1] && where[2] ? { location: at(appPath(where[1], appFile), Number(where[2])) } : {}),
  };
}

// Frames of Python itself and of installed packages: a crash inside matplotlib is placed at the app's call into it.
const LIBRARY_FRAME = /\/(?:site|dist)-packages\/|\/lib\/python\d|^</;

// The app's own line a traceback ends in (its last frame outside Python's libraries), in the app's folder.
export function crashLocation(stderr: string, appFile: string | null): Location | null {
  const frame = [...stderr.matchAll(/File "([^"]+)", line (\d+)/g)].filter((f) => !LIBRARY_FRAME.test(f[1] ?? "")).at(-1);
  return frame?.[1] && frame[2] ? at(appPath(frame[1], appFile), Number(frame[2])) : null;
}

// Python names the file as the container sees it (`/app/app.py` after `COPY . /app`): the app script when the path
// ends with it, else the file's name.
function appPath(inContainer: string, appFile: string | null): string {
  if (appFile && (inContainer === appFile || inContainer.endsWith(`/${appFile}`))) return appFile;
  return inContainer.split("/").at(-1) ?? inContainer;
}

export function backendHint(stderr: string): AppHint | null {
  const backend = /Cannot load backend '([^']+)'/.exec(stderr)?.[1];
  const display = /no \$DISPLAY environment variable|No module named '_?tkinter'|could not connect to display|Qt platform plugin/i.exec(stderr)?.[0];
  if (!backend && !display) return null;
  return {
    found: backend ? `matplotlib could not load the ${backend} backend: it needs a screen` : `the app needs a screen (${display})`,
    hint: "Remove `matplotlib.use('TkAgg')` (or any other backend choice) from the app: the grader runs it headless, and `pl.show()` works there without it.",
  };
}

export function missingModuleHint(stderr: string, lore: HintContext["lore"]): AppHint | null {
  const module = /ModuleNotFoundError: No module named '([^']+)'/.exec(stderr)?.[1]?.split(".")[0];
  if (!module) return null;
  const lab = lore.packages.includes(module);
  return {
    found: `ModuleNotFoundError: No module named '${module}'`,
    hint: lab
      ? `The image has no ${module}: install it in the Dockerfile with \`${lore.pipLine}\` (after FROM, before CMD), then rebuild.`
      : `The image has no ${module}: add it to the Dockerfile's \`RUN pip install\` line, or remove the import, then rebuild.`,
  };
}

export function cannotOpenHint(stderr: string, { dockerignoreExcluded, appFile, lore }: HintContext): AppHint | null {
  const path = /can't open file '([^']+)'/.exec(stderr)?.[1];
  if (!path) return null;
  const found = `python could not open ${path}: the file is not in the image`;
  const wanted = path.split("/").at(-1);
  if (dockerignoreExcluded) return { found, hint: `The \`.dockerignore\` line \`${dockerignoreExcluded}\` keeps ${appFile ?? wanted} out of the build. Remove that line and rebuild.` };
  if (appFile && appFile.split("/").at(-1) !== wanted) return { found, hint: `CMD runs ${wanted}, but the app is \`${appFile}\`. Make CMD run it: \`CMD ["python", "${appFile}"]\`.` };
  const command = commandLine(lore.command ?? ["python", lore.script ?? "app.py"]);
  return { found, hint: `Copy the app into the folder CMD runs it from: \`${lore.workdirLine}\`, \`${lore.copyLine}\`, \`${command}\`.` };
}

// A CMD that is not valid JSON (curly or single quotes) runs through /bin/sh, which looks for a program named `[“python”,`.
export function shellNotFoundHint(stderr: string, lore: HintContext["lore"]): AppHint | null {
  const command = /\/bin\/sh: \d+: (.+?): not found/.exec(stderr)?.[1];
  if (!command) return null;
  const quoted = command.startsWith("[");
  return {
    found: `/bin/sh could not find the command \`${command}\``,
    hint: quoted
      ? `CMD is not valid JSON, so Docker ran it as a shell command. Write it with straight double quotes: \`${commandLine(lore.command ?? ["python", lore.script ?? "app.py"])}\`.`
      : `Check the command CMD runs: \`${command}\` does not exist in the image.`,
  };
}

export function stderrTail(stderr: string, lines = 8, maxChars = 800): string {
  const tail = stderr.trimEnd().split(/\r?\n/).slice(-lines).join("\n");
  return tail.length > maxChars ? `…${tail.slice(-maxChars)}` : tail;
}

// What a shell, Python or a C library say when fork or a new thread fails: the pids limit was met.
export const PROCESS_LIMIT = /Cannot fork|fork: (?:retry: )?Resource temporarily unavailable|BlockingIOError: \[Errno 11\]|can't start new thread|pthread_create failed/i;

// A fork bomb, or a loop that starts processes: say what happened, not "look for input()".
export function processLimitHint(stderr: string): AppHint | null {
  const said = PROCESS_LIMIT.exec(stderr)?.[0];
  if (!said) return null;
  return {
    found: `it kept starting processes or threads until the limit stopped it ("${said}")`,
    hint: "The handout's app runs as one process: remove the code that starts processes or threads in a loop (os.fork, subprocess, multiprocessing, threading), then run it again.",
  };
}

