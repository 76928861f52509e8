import { baseName, pathBelow } from "./entry-path.ts";

export type Landing = { in: "student" | "staging"; path: string } | null;

// Where an entry of a class zip lands when one hand-in is unpacked: what lies inside the hand-in's folders
// keeps its path below them, a flat file takes the name the student gave it, and the student's own zips go
// to a staging folder (as `<index>/<their name>`, so a refusal quotes their name) to be unpacked from there.
// Null: not this student's, or a folder entry that is the hand-in's folder itself.
export function zipLanding(entries: readonly string[], names: ReadonlyMap<string, string>, zipEntryName: string): Landing {
  for (const [index, entry] of entries.entries()) {
    const below = pathBelow(entry, zipEntryName);
    if (below === null) continue;
    if (below !== "") return { in: "student", path: below };
    if (zipEntryName.endsWith("/")) return null;
    const name = names.get(entry) ?? baseName(entry);
    return isZipName(name) ? { in: "staging", path: `${index}/${name}` } : { in: "student", path: name };
  }
  return null;
}

export function isZipName(name: string): boolean {
  return /\.zip$/i.test(name);
}
