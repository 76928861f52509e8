// What a whole lab says of the app its hand-in holds, for every app step's messages and hints: the handout's
// lines, the image students tag it, the packages it installs, and which steps build and run it.
export interface AppLore {
  /** What students tag it: `docker build -t pythonapp .`. */
  tag: string;
  /** The image its Dockerfile builds FROM (`python`), and a tag of it to show (`python:3.12-slim`). */
  base: string;
  baseExample: string;
  /** What it installs with pip (`numpy`, `matplotlib`), and the line that does (`RUN pip install numpy matplotlib`). */
  packages: readonly string[];
  pipLine: string;
  /** The script it runs (`app.py`), and the command that runs it (`["python", "app.py"]`). */
  script: string | null;
  command: readonly string[] | null;
  /** The handout's Dockerfile as one line (`FROM python, WORKDIR /app, …`), and its COPY and WORKDIR lines. */
  handoutLines: string | null;
  copyLine: string;
  workdirLine: string;
  /** The ids of the lab's build and run steps, for "fix … first". */
  buildStep: string | null;
  runStep: string | null;
  /** A compose lab: the compose file's name, and the step that starts it. */
  composeFile: string | null;
  composeStep: string | null;
}

/** What the handout's COPY line copies, in words: "the whole folder" for `COPY . /app`, else what it names. */
export function copiedWords(copyLine: string): string {
  const sources = copyLine.split(/\s+/).slice(1, -1).filter((part) => !part.startsWith("--"));
  return sources.length === 0 || sources.includes(".") || sources.includes("./") ? "the whole folder" : sources.map((source) => `\`${source}\``).join(" and ");
}

export const pipLineOf = (packages: readonly string[]): string => `RUN pip install ${packages.join(" ")}`;
export const commandLine = (command: readonly string[]): string => `CMD [${command.map((part) => JSON.stringify(part)).join(", ")}]`;
