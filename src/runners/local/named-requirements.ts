
// A plain requirement: a name (PEP 508), optional extras, optional version specifiers. No URL, path, archive,
// option or marker: pip would fetch, build or run those, and an sdist's setup.py runs as labgrade's user.
const NAME = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?(?:\[[A-Za-z0-9._-]+(?:,[A-Za-z0-9._-]+)*\])?(?:(?:===|==|>=|<=|~=|!=|>|<)[A-Za-z0-9.*+!_-]+(?:,(?:===|==|>=|<=|~=|!=|>|<)[A-Za-z0-9.*+!_-]+)*)?$/;
const ARCHIVE = /\.(?:whl|zip|tar|tgz|tbz|txz|tlz|tar\.gz|tar\.bz2|tar\.xz|tar\.lz|tar\.lzma)$/i;

export type NamedRequirements = { ok: true; specs: string[] } | { ok: false; error: string };

// What a RUN pip line and its requirements files ask for, as the plain requirements labgrade hands to pip; the
// first word that is not one refuses the whole install (the student's build fails, and pip never runs).
export function namedRequirements(install: Pick<InstallSet, "packages" | "requirements">): NamedRequirements {
  const specs: string[] = [];
  for (const word of install.packages) {
    if (!isNamed(word)) return refused(word, "");
    specs.push(word);
  }
  for (const { name, text } of install.requirements) {
    for (const { line, number } of requirementLines(text)) {
      const spec = line.replace(/\s*([[\],=<>!~])\s*/g, "$1");
      if (!isNamed(spec)) return refused(line, ` (${name}, line ${number})`);
      specs.push(spec);
    }
  }
  return { ok: true, specs };
}

function isNamed(word: string): boolean {
  return NAME.test(word) && !ARCHIVE.test(word);
}

// A requirements file's lines as pip joins them: a trailing backslash continues a line, `#` after a space starts a comment.
function requirementLines(text: string): Array<{ line: string; number: number }> {
  const lines: Array<{ line: string; number: number }> = [];
  let pending = "";
  let start = 0;
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    if (pending === "") start = i + 1;
    if (raw.endsWith("\\")) {
      pending += raw.slice(0, -1);
      continue;
    }
    const line = (pending + raw).replace(/(^|\s)#.*$/, "").trim();
    pending = "";
    if (line) lines.push({ line, number: start });
  }
  const last = pending.replace(/(^|\s)#.*$/, "").trim();
  if (last) lines.push({ line: last, number: start });
  return lines;
}

function refused(word: string, where: string): NamedRequirements {
  return { ok: false, error: `labgrade grades without an engine only installs named packages from its wheel cache: \`${word}\` is not one${where}. Name the packages (\`numpy\`, \`matplotlib==3.8.4\`) instead.` };
}

// What the Dockerfile's RUN pip lines install, and nothing else.
export interface InstallSet {
  /** Package specs as written: `numpy`, `matplotlib==3.6.3`. */
  packages: string[];
  /** Requirements files named with -r, as the laid-out app holds them. */
  requirements: Array<{ name: string; text: string }>;
  /** The first RUN line that installs, as the engine would name it when it fails. */
  command: string | null;
}
