import { appendFile, mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import { blobKeyType, hostName, knownHostsLine, knownKeyTypes, type KnownHostLine, parseKnownHosts, verifyHostKey } from "./known-hosts.ts";

export type HostKeyOutcome = { ok: true; added: boolean } | { ok: false; reason: string };

export interface HostKeyPolicy {
  /** The known_hosts file: `--known-hosts FILE`, else ~/.ssh/known_hosts. */
  file: string;
  /** `--accept-new-hosts`: a host the file does not know is trusted and added to it. A changed key never is. */
  acceptNew: boolean;
}

// One known_hosts file for a whole run: read once, and the hosts it learns (--accept-new-hosts) added once
// however many students share a host.
export class KnownHosts {
  #lines: Promise<KnownHostLine[]> | undefined;
  #added = new Map<string, Buffer>();

  constructor(readonly policy: HostKeyPolicy) {}

  // The host key algorithms to ask for: the types the file knows for this host first (as OpenSSH orders
  // them), so that a host with several keys presents the one that can be checked.
  async preferredTypes(host: string, port: number): Promise<string[]> {
    return knownKeyTypes(await this.#read(), host, port);
  }

  async check(host: string, port: number, key: Buffer): Promise<HostKeyOutcome> {
    const name = hostName(host, port);
    const { file, acceptNew } = this.policy;
    const learned = this.#added.get(name);
    if (learned) return learned.equals(key) ? { ok: true, added: false } : changed(name, blobKeyType(key), file, "a key labgrade added to it earlier in this run");
    const verdict = verifyHostKey(await this.#read(), host, port, key);
    if (verdict.kind === "known") return { ok: true, added: false };
    if (verdict.kind === "revoked") return { ok: false, reason: `the host key ${name} presented is marked @revoked in ${file} (line ${verdict.line}); labgrade never connects with a revoked key` };
    if (verdict.kind === "changed") return changed(name, blobKeyType(key), file, `its ${verdict.knownTypes.join(", ")} key (line ${verdict.lines.join(", ")})`);
    if (!acceptNew) {
      return { ok: false, reason: `${name} is not in ${file}, so its host key (${blobKeyType(key)}) cannot be checked. Add it once you have checked it (\`ssh-keyscan -p ${port} ${host} >> ${file}\`, then compare the fingerprint with the machine's own \`ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub\`), or grade with --accept-new-hosts to trust hosts seen for the first time` };
    }
    this.#added.set(name, key);
    await mkdir(path.dirname(file), { recursive: true });
    await appendFile(file, `${knownHostsLine(host, port, key)}\n`, { mode: 0o600 });
    return { ok: true, added: true };
  }

  #read(): Promise<KnownHostLine[]> {
    return (this.#lines ??= readFile(this.policy.file, "utf8").then(parseKnownHosts, (error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return [];
      throw error;
    }));
  }
}

function changed(name: string, presented: string | null, file: string, known: string): HostKeyOutcome {
  return {
    ok: false,
    reason: `the host key of ${name} has changed: it presented an ${presented ?? "unknown type of"} key that does not match ${known} in ${file}. Someone may be in the middle, or the machine was reinstalled: check with its owner, then remove the old key (\`ssh-keygen -R '${name}' -f ${file}\`). --accept-new-hosts never accepts a changed key`,
  };
}
