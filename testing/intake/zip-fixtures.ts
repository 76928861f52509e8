import { createWriteStream } from "node:fs";
import { lstat, mkdtemp, readdir, readlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import zlib from "node:zlib";
import yazl from "yazl";

// Zips for the archive tests, made in a temp folder: well-formed ones with yazl, hostile ones by hand
// (yazl refuses "../x", "/x" and links, which is the point of those tests).

export function makeTempRoot(): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), "labgrade-archive-test-"));
}

export interface YazlEntry {
  name: string;
  data?: string | Buffer;
  /** An empty folder entry ("name/"). */
  dir?: boolean;
  mode?: number;
}

export async function yazlZip(entries: YazlEntry[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const entry of entries) {
    if (entry.dir === true) zip.addEmptyDirectory(entry.name);
    else zip.addBuffer(Buffer.from(entry.data ?? ""), entry.name, entry.mode === undefined ? {} : { mode: entry.mode });
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream as unknown as Readable) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function writeYazlZip(file: string, entries: YazlEntry[]): Promise<string> {
  await writeFile(file, await yazlZip(entries));
  return file;
}

// One entry of `megabytes` MiB of zeros, streamed from a generator so the test never holds it in memory.
// Deflate shrinks zeros about 1000 times: 300 MiB becomes ~300 KB.
export async function writeBombZip(file: string, megabytes: number, name = "zeros.bin"): Promise<string> {
  const zip = new yazl.ZipFile();
  const mebibyte = Buffer.alloc(1024 * 1024);
  function* zeros() {
    for (let i = 0; i < megabytes; i += 1) yield mebibyte;
  }
  zip.addReadStream(Readable.from(zeros()), name);
  zip.end();
  await pipeline(zip.outputStream as unknown as Readable, createWriteStream(file));
  return file;
}

export interface RawEntry {
  /** A string is written as UTF-8; a Buffer as its bytes (e.g. CP437). */
  name: string | Buffer;
  data?: string | Buffer;
  /** General purpose flags; default: bit 11 (UTF-8) for string names, 0 for Buffer names. */
  flags?: number;
  /** Unix st_mode, stored in the high 16 bits of the external attributes. */
  mode?: number;
  /** Declared uncompressed size, when it must differ from the data's length. */
  uncompressedSize?: number;
}

// A stored (uncompressed) zip written field by field, so any name or attribute can be put in both the
// local header and the central directory.
export function rawZip(entries: RawEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = typeof entry.name === "string" ? Buffer.from(entry.name, "utf8") : entry.name;
    const data = Buffer.from(entry.data ?? "");
    const flags = entry.flags ?? (typeof entry.name === "string" ? 0x800 : 0);
    const crc = zlib.crc32(data);
    const size = entry.uncompressedSize ?? data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(0, 8); // stored
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(0x21, 12); // 1980-01-01
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4); // made by Unix
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(0, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(((entry.mode ?? 0o100644) << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

export const LINK_MODE = 0o120777;

// Everything below `dir`, "/"-separated and sorted: folders end in "/", links show " -> target".
export async function tree(dir: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (relative: string): Promise<void> => {
    for (const name of await readdir(path.join(dir, relative))) {
      const child = relative === "" ? name : `${relative}/${name}`;
      const stat = await lstat(path.join(dir, child));
      if (stat.isSymbolicLink()) found.push(`${child} -> ${await readlink(path.join(dir, child))}`);
      else if (stat.isDirectory()) {
        found.push(`${child}/`);
        await walk(child);
      } else found.push(child);
    }
  };
  await walk("");
  return found.sort();
}
