import yauzl, { type ZipFile } from "yauzl";
import { readingZip } from "./zip-errors.ts";

// Opens an untrusted zip for reading one entry at a time. decodeStrings is off so that a hostile name
// reaches our own check (entry-name.ts), which names the entry, instead of ending the listing with yauzl's
// bare error; validateEntrySizes stays on so an entry can never stream more bytes than its header declares.
export function openZip(zipPath: string): Promise<ZipFile> {
  return readingZip(
    zipPath,
    yauzl.openPromise(zipPath, { autoClose: false, lazyEntries: true, decodeStrings: false, validateEntrySizes: true, strictFileNames: false }),
  );
}
