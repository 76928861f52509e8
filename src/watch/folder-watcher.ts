import { watch, type FSWatcher } from "node:fs";
import { classifyDockerfileName } from "../evidence/app-folder.ts";

// The files that decide the app steps: the Dockerfile (however it is misnamed), .dockerignore, the Python
// files and requirements files. Editors' scratch files (`app.py~`, `.app.py.swp`, vim's `4913`) are not.
export function isAppFile(name: string | null): boolean {
  if (name === null) return true; // the platform did not say which file: look again
  const base = name.split(/[\\/]/).pop() ?? name;
  if (/^\.?#/.test(base)) return false; // emacs: #app.py#, .#app.py
  if (base === ".dockerignore" || classifyDockerfileName(base) !== null) return true;
  // A compose lab's file (compose.yaml, docker-compose.yml, and the .txt Windows may add to either).
  return /\.py$/.test(base) || /^requirements[^/]*\.txt$/i.test(base) || /^(docker-)?compose\.ya?ml(\.txt)?$/i.test(base);
}

// Watches folders (not their subfolders) and reports app files that change, are created, renamed or removed.
// Reads only. A folder that cannot be watched (gone, not allowed) is skipped: the next judgement says what is missing.
export function watchFolders(folders: readonly string[], onChange: (files: string[]) => void): () => void {
  const watchers: FSWatcher[] = [];
  for (const folder of new Set(folders)) {
    try {
      const watcher = watch(folder, { persistent: true }, (_event, name) => {
        const file = typeof name === "string" ? name : null;
        if (isAppFile(file)) onChange(file ? [file] : []);
      });
      watcher.on("error", () => watcher.close());
      watchers.push(watcher);
    } catch {
      // not watchable: skipped
    }
  }
  return () => {
    for (const watcher of watchers) watcher.close();
  };
}
