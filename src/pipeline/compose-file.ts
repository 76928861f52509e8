import { access, readdir } from "node:fs/promises";
import path from "node:path";
import { COMPOSE_FILE_NAMES, readComposeFacts, type ComposeFacts } from "../dockerfile/compose-facts.ts";
import { readInside } from "../evidence/read-inside.ts";

/** The hand-in's compose file: its folder (the project's), its name there and what it says. */
export interface FoundCompose {
  dir: string;
  file: string;
  facts: ComposeFacts;
}

// The compose file a hand-in holds, at its top or in its one subfolder (a zip of the folder): the name the lab gives
// first, then the other names docker compose looks for. Null when there is none.
export async function findComposeFile(submissionDir: string, wanted: string): Promise<FoundCompose | null> {
  const names = [wanted, ...COMPOSE_FILE_NAMES.filter((n) => n !== wanted)];
  for (const dir of [submissionDir, ...(await onlySubfolder(submissionDir))]) {
    for (const name of names) {
      if (!(await access(path.join(dir, name)).then(() => true, () => false))) continue;
      const text = await readInside(dir, name);
      if (text === null) continue;
      return { dir, file: name, facts: readComposeFacts(text) };
    }
  }
  return null;
}

// The files where a compose file was looked for, as a student would list them (`wrapper/compose.yaml.txt`).
export async function lookedIn(submissionDir: string): Promise<string[]> {
  const sub = await onlySubfolder(submissionDir);
  const files = async (dir: string) => (await readdir(dir, { withFileTypes: true }).catch(() => [])).filter((e) => e.isFile()).map((e) => path.relative(submissionDir, path.join(dir, e.name)).split(path.sep).join("/"));
  return [...(await files(submissionDir)), ...(sub[0] ? await files(sub[0]) : [])].sort();
}

async function onlySubfolder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const folders = entries.filter((e) => e.isDirectory() && !e.name.startsWith(".") && e.name !== "__MACOSX");
  return folders.length === 1 ? [path.join(dir, folders[0]!.name)] : [];
}
