import { constants, type Stats } from "node:fs";
import { lstat, mkdir, open, realpath, type FileHandle } from "node:fs/promises";
import path from "node:path";
import { HarnessError } from "../../errors.ts";
import { ArchiveRejected } from "./rejected.ts";

// O_EXCL with O_CREAT refuses any existing name, a link included, so the final open can never write
// through a link or over a file; O_NOFOLLOW says the same where the platform has it.
const NEW_FILE = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);

export interface NewFile {
  path: string;
  handle: FileHandle;
}

// The folder an extraction or copy writes into. Every path is built from checked segments, resolved, and
// confirmed inside the root; folders are made one level at a time and any that is already a link stops the
// write, so neither an entry's name nor a link left in the folder can lead a write outside it.
export class Destination {
  readonly #verified = new Set<string>();

  private constructor(
    readonly root: string,
    // Called with each folder or file about to be created; throws to refuse it (the budget).
    private readonly onCreate: (absolutePath: string, relativePath: string) => void,
  ) {}

  static async open(dir: string, onCreate: (absolutePath: string, relativePath: string) => void): Promise<Destination> {
    await mkdir(dir, { recursive: true });
    return new Destination(await realpath(dir), onCreate);
  }

  async folder(segments: readonly string[]): Promise<string> {
    let current = this.root;
    for (const [index, segment] of segments.entries()) {
      current = this.#inside(current, segment);
      if (this.#verified.has(current)) continue;
      const relative = segments.slice(0, index + 1).join("/");
      const found = await lstatOrNull(current);
      if (found === null) {
        this.onCreate(current, relative);
        await mkdir(current, { mode: 0o755 });
      } else {
        this.#expectFolder(found, relative);
      }
      this.#verified.add(current);
    }
    return current;
  }

  // A new regular file, mode 0644; null when the name is already taken by a file (a duplicate entry:
  // the first one wins and nothing is overwritten).
  async newFile(segments: readonly string[]): Promise<NewFile | null> {
    const name = segments.at(-1);
    if (name === undefined) throw new Error("newFile() needs at least one path segment");
    const parent = await this.folder(segments.slice(0, -1));
    const target = this.#inside(parent, name);
    const relative = segments.join("/");
    const found = await lstatOrNull(target);
    if (found?.isSymbolicLink()) throw linkInTheWay(relative);
    if (found?.isDirectory()) throw bothFileAndFolder(relative);
    if (found !== null) return null;
    this.onCreate(target, relative);
    try {
      return { path: target, handle: await open(target, NEW_FILE, 0o644) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "EEXIST") return null;
      throw error;
    }
  }

  #inside(parent: string, segment: string): string {
    if (segment === "" || segment === "." || segment === ".." || segment.includes("/") || segment.includes("\0")) {
      throw new Error(`unsafe path segment ${JSON.stringify(segment)} reached Destination`);
    }
    const joined = path.resolve(parent, segment);
    const relative = path.relative(this.root, joined);
    if (relative === "" || relative === ".." || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) {
      throw new Error(`${JSON.stringify(joined)} is outside ${JSON.stringify(this.root)}`);
    }
    return joined;
  }

  #expectFolder(found: Stats, relative: string): void {
    if (found.isSymbolicLink()) throw linkInTheWay(relative);
    if (!found.isDirectory()) throw bothFileAndFolder(relative);
  }
}

async function lstatOrNull(file: string): Promise<Stats | null> {
  try {
    return await lstat(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

// labgrade's extractions and copies never make links, so one in the destination was put there by something
// else: not the student's doing, and never to be written through.
function linkInTheWay(relative: string): HarnessError {
  return new HarnessError(
    "BAD_INPUT",
    `Expected ${JSON.stringify(relative)} in the destination folder to be missing or a plain folder; found a symbolic link.`,
    "Extract into a new, empty folder: labgrade never writes through links.",
  );
}

function bothFileAndFolder(relative: string): ArchiveRejected {
  return new ArchiveRejected(
    "conflict",
    `the hand-in has ${JSON.stringify(relative)} both as a file and as a folder: rename one of them and upload it again`,
  );
}
