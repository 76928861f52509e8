import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { HarnessError } from "../errors.ts";

export type DockerfileMiss = "txt-extension" | "wrong-case" | "other-name";

// Where a submission's app lives and what its folder holds. Paths in it are relative to `dir`.
export interface AppFolder {
  /** Absolute; null when several subfolders hold a Dockerfile and none stands out. */
  dir: string | null;
  /** exact: named `Dockerfile`. A lowercase `dockerfile` still builds, so it is found but not exact. */
  dockerfile: { file: string; exact: boolean } | null;
  misses: Array<{ file: string; problem: DockerfileMiss }>;
  /** Subfolders (depth 1) that hold a Dockerfile-like file; more than one makes `dir` ambiguous. */
  candidates: string[];
  files: string[];
  filesTruncated: boolean;
  pyFiles: string[];
  /** The text of .dockerignore. */
  dockerignore: string | null;
  /** app.py, or the only top-level .py file; the caller may resolve CMD's script instead. */
  appScript: string | null;
}

export type DockerfileName = { kind: "exact" | "lowercase" } | { kind: "miss"; problem: DockerfileMiss } | null;

const MAX_FILES = 300;
const SKIPPED_DIRS = new Set(["node_modules", "__pycache__", "venv"]);

export async function locateApp(submissionDir: string): Promise<AppFolder> {
  const root = await entries(submissionDir).catch((error: unknown) => {
    throw new HarnessError("BAD_INPUT", `The submission folder ${submissionDir} cannot be read: ${(error as Error).message}`, undefined, { cause: error });
  });
  const subfolders = await Promise.all(
    root.dirs.filter(visibleDir).map(async (name) => ({ name, files: (await entries(join(submissionDir, name)).catch(() => ({ files: [] }))).files })),
  );
  const { folder, candidates } = chooseAppFolder(root.files, subfolders);
  if (folder === null) return { dir: null, dockerfile: null, misses: [], candidates, files: [], filesTruncated: false, pyFiles: [], dockerignore: null, appScript: null };
  const dir = folder === "" ? submissionDir : join(submissionDir, folder);
  const { files, truncated } = await listFiles(dir);
  const pyFiles = files.filter((f) => f.endsWith(".py"));
  const dockerignoreText = files.includes(".dockerignore") ? await readFile(join(dir, ".dockerignore"), "utf8") : null;
  return { dir, ...pickDockerfile(files.filter((f) => !f.includes("/"))), candidates, files, filesTruncated: truncated, pyFiles, dockerignore: dockerignoreText, appScript: guessAppScript(pyFiles) };
}

export function classifyDockerfileName(name: string): DockerfileName {
  if (name === "Dockerfile") return { kind: "exact" };
  if (name === "dockerfile") return { kind: "lowercase" };
  const lower = name.toLowerCase();
  if (/^dockerfile(\.txt)+$/.test(lower)) return { kind: "miss", problem: "txt-extension" };
  if (lower === "dockerfile") return { kind: "miss", problem: "wrong-case" };
  if (/docker[\s_-]?file/.test(lower)) return { kind: "miss", problem: "other-name" };
  return null;
}

export function pickDockerfile(names: string[]): Pick<AppFolder, "dockerfile" | "misses"> {
  const classified = names.map((file) => ({ file, name: classifyDockerfileName(file) }));
  const found = classified.find((c) => c.name?.kind === "exact") ?? classified.find((c) => c.name?.kind === "lowercase");
  const misses = classified.flatMap(({ file, name }) => (name?.kind === "miss" ? [{ file, problem: name.problem }] : []));
  return { dockerfile: found ? { file: found.file, exact: found.name?.kind === "exact" } : null, misses };
}

// The submission folder wins when it holds a Dockerfile-like file; else the one subfolder that does, a real
// Dockerfile counting before a misnamed one. "" is the submission folder itself, null an ambiguous choice.
export function chooseAppFolder(rootFiles: string[], subfolders: Array<{ name: string; files: string[] }>): { folder: string | null; candidates: string[] } {
  const ranked = subfolders.map((s) => ({ name: s.name, rank: rank(s.files) })).filter((s) => s.rank > 0);
  const candidates = ranked.map((s) => s.name);
  const rootRank = rank(rootFiles);
  const best = Math.max(0, ...ranked.map((s) => s.rank));
  if (rootRank >= best) return { folder: "", candidates };
  const top = ranked.filter((s) => s.rank === best);
  return { folder: top.length === 1 && top[0] ? top[0].name : null, candidates };
}

export function guessAppScript(pyFiles: string[]): string | null {
  const topLevel = pyFiles.filter((f) => !f.includes("/"));
  if (topLevel.includes("app.py")) return "app.py";
  return topLevel.length === 1 ? (topLevel[0] ?? null) : null;
}

function rank(files: string[]): number {
  const kinds = files.map((f) => classifyDockerfileName(f)?.kind);
  if (kinds.some((k) => k === "exact" || k === "lowercase")) return 2;
  return kinds.includes("miss") ? 1 : 0;
}

function visibleDir(name: string): boolean {
  return !name.startsWith(".") && !SKIPPED_DIRS.has(name);
}

async function entries(dir: string): Promise<{ files: string[]; dirs: string[] }> {
  const all = await readdir(dir, { withFileTypes: true });
  return { files: all.filter((e) => e.isFile()).map((e) => e.name).sort(), dirs: all.filter((e) => e.isDirectory()).map((e) => e.name).sort() };
}

// Breadth-first, so a big nested folder cannot hide the top-level files.
async function listFiles(dir: string): Promise<{ files: string[]; truncated: boolean }> {
  const files: string[] = [];
  const queue = [""];
  for (let rel = queue.shift(); rel !== undefined; rel = queue.shift()) {
    const { files: names, dirs } = await entries(join(dir, rel)).catch(() => ({ files: [], dirs: [] }));
    for (const name of names) {
      if (files.length >= MAX_FILES) return { files, truncated: true };
      files.push(rel ? `${rel}/${name}` : name);
    }
    queue.push(...dirs.filter(visibleDir).map((d) => (rel ? `${rel}/${d}` : d)));
  }
  return { files, truncated: false };
}
