// Canvas keeps every upload in the student's files, so a second `app.py` is stored as `app-1.py` (then -2 …
// up to -7, before the extension, which may be multi-part: `lab-1.tar.gz`). The lab grades `app.py` and
// `Dockerfile` by name, so the original name comes back whenever no other file of the hand-in claims it.
// Source: canvas-lms app/models/attachment.rb (make_unique_filename).

const EXTENSION = /(\.[A-Za-z][A-Za-z0-9]*)*(\.[A-Za-z0-9]*)$/;
// Two digits at most: `report-2024.pdf` is a name, not a re-upload.
const COUNTER = /^(.+)-[1-9]\d?$/;

export function originalUploadName(file: string): string | null {
  const extension = EXTENSION.exec(file)?.[0] ?? "";
  const counted = COUNTER.exec(file.slice(0, file.length - extension.length));
  return counted ? `${counted[1]}${extension}` : null;
}

// Same order as given. A name is restored only when neither another file nor another restoration claims it.
export function restoreUploadNames(files: readonly string[]): string[] {
  const candidates = files.map(originalUploadName);
  const claims = new Map<string, number>();
  for (const c of candidates) if (c !== null) claims.set(c, (claims.get(c) ?? 0) + 1);
  const taken = new Set(files);
  return files.map((file, i) => {
    const candidate = candidates[i];
    return candidate != null && !taken.has(candidate) && claims.get(candidate) === 1 ? candidate : file;
  });
}
