import { lstat, mkdtemp, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { Budget, extractZip } from "./archive/index.ts";
import { flatFileNames } from "./flat-file-names.ts";
import type { HandIn, Unpacked } from "./hand-in.ts";
import { rejectedInEntry } from "./rejected-in-entry.ts";
import { zipLanding } from "./zip-landing.ts";

// One pass picks the student's entries out of the class zip, a second their own zips into a staging folder
// beside `dir` (removed after), from which each is unpacked into `dir`.
export async function materializeFromZip(exportPath: string, handIn: HandIn, dir: string, budget: Budget, signal?: AbortSignal): Promise<Unpacked> {
  const names = flatFileNames(handIn.lms, handIn.entries);
  const landing = (name: string) => zipLanding(handIn.entries, names, name);
  const options = signal ? { signal } : {};
  // A zip entry that is one of the hand-in's entries and lands in the student's folder is a flat file.
  const flatFiles: Array<{ entry: string; path: string }> = [];
  const entries = new Set(handIn.entries);
  const picked = await rejectedInEntry(handIn.entries.join(" + "), () =>
    extractZip(exportPath, dir, budget, {
      ...options,
      select: (name) => {
        const path = pick(landing(name), "student");
        if (path !== null && entries.has(name)) flatFiles.push({ entry: name, path });
        return path;
      },
    }),
  );
  const links = [...picked.skippedLinks];
  const staged = handIn.entries.flatMap((entry) => {
    const where = landing(entry);
    return where?.in === "staging" ? [{ entry, path: where.path }] : [];
  });
  if (staged.length === 0) return { links, unzipped: false, flatFiles };
  const staging = await mkdtemp(join(dirname(dir), `.${basename(dir)}-zips-`));
  try {
    // The staged copies are not the hand-in: held to the same limits, but not charged to the student, whose
    // budget then pays for the contents once, as it would had the zip been handed in on its own.
    const copies = new Budget(budget.limits);
    await rejectedInEntry(staged.map((s) => s.entry).join(" + "), () =>
      extractZip(exportPath, staging, copies, { ...options, select: (name) => pick(landing(name), "staging") }),
    );
    let unzipped = false;
    for (const { entry, path } of staged) {
      const zip = join(staging, path);
      // A folder named like a zip was picked whole in the first pass: nothing was staged for it.
      if (!(await lstat(zip).catch(() => null))) continue;
      links.push(...(await rejectedInEntry(entry, () => extractZip(zip, dir, budget, options))).skippedLinks);
      unzipped = true;
    }
    return { links, unzipped, flatFiles };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

function pick(landing: ReturnType<typeof zipLanding>, where: "student" | "staging"): string | null {
  return landing?.in === where ? landing.path : null;
}
