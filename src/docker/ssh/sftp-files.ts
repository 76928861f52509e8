import type { Readable } from "node:stream";
import type { SFTPWrapper, Stats } from "ssh2";

type Kind = "file" | "folder" | "link" | "other";

const S_IFMT = 0o170000;
const KINDS: Record<number, Kind> = { 0o100000: "file", 0o040000: "folder", 0o120000: "link" };

// The student's files over SFTP, in the shape intake's remote folder fetch reads. readdir reports each
// entry as lstat does, so a link is seen as a link. A file swapped for a link between listing and reading
// would be read through it (SFTP has no O_NOFOLLOW); what is read is still bounded by the budget.
export function sftpFiles(sftp: SFTPWrapper): {
  kindOf(remotePath: string): Promise<Kind | null>;
  list(remoteDir: string): Promise<Array<{ name: string; kind: Kind }>>;
  read(remotePath: string): Readable;
} {
  return {
    kindOf: (remotePath) =>
      new Promise((resolve, reject) =>
        sftp.stat(remotePath, (error: (Error & { code?: number }) | undefined, stats: Stats) => {
          // SFTP status 2: no such file.
          if (error) return error.code === 2 ? resolve(null) : reject(error);
          resolve(kindOf(stats.mode));
        }),
      ),
    list: (remoteDir) =>
      new Promise((resolve, reject) =>
        sftp.readdir(remoteDir, (error, entries) => (error ? reject(error) : resolve(entries.map((e) => ({ name: e.filename, kind: kindOf(e.attrs.mode) }))))),
      ),
    read: (remotePath) => {
      const stream = sftp.createReadStream(remotePath);
      // Closing the remote handle after the last chunk can fail once the connection is closed: the reader has
      // what it wanted by then, and an error nobody listens for would end the process. Errors while reading
      // still reach the reader.
      stream.on("error", () => undefined);
      return stream;
    },
  };
}

function kindOf(mode: number): Kind {
  return KINDS[mode & S_IFMT] ?? "other";
}
