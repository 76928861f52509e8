// Paths of entries inside an export, folder or zip alike: `/`-separated, relative to the export's root.

const LITTER = new Set(["__MACOSX", "Thumbs.db", "desktop.ini"]);

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

// macOS and Windows leave these in every zip they touch; hidden files (.DS_Store, ._app.py, .git) are
// never a student's hand-in.
export function isLitter(name: string): boolean {
  return name.startsWith(".") || LITTER.has(name);
}

// A zip entry's path as segments: empty and `.` segments dropped, so `./a//b/` and `a/b` are one path.
export function zipSegments(zipEntryName: string): string[] {
  return zipEntryName.split("/").filter((segment) => segment !== "" && segment !== ".");
}

// The path below `entry` when the zip entry lies inside it, "" when it is the entry itself, else null.
export function pathBelow(entry: string, zipEntryName: string): string | null {
  const inside = zipSegments(entry);
  const segments = zipSegments(zipEntryName);
  if (segments.length < inside.length || inside.some((s, i) => segments[i] !== s)) return null;
  return segments.slice(inside.length).join("/");
}
