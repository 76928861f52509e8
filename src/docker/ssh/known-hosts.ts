import { createHmac } from "node:crypto";

/** One usable line of an OpenSSH known_hosts file. */
export interface KnownHostLine {
  /** The host patterns as written: `host`, `[host]:port`, wildcards, `!negated`, or one hashed `|1|salt|hash`. */
  patterns: string[];
  keyType: string;
  /** The public key blob, as the server sends it. */
  key: Buffer;
  revoked: boolean;
  /** 1-based, for messages that point at the line. */
  line: number;
}

export type HostKeyVerdict =
  | { kind: "known" }
  | { kind: "unknown" }
  | { kind: "changed"; knownTypes: string[]; lines: number[] }
  | { kind: "revoked"; line: number };

// Reads known_hosts as OpenSSH writes it. Comments, blank lines, @cert-authority lines (labgrade does not
// accept host certificates) and lines it cannot read are left out: a line it cannot read vouches for nothing.
export function parseKnownHosts(text: string): KnownHostLine[] {
  const lines: KnownHostLine[] = [];
  for (const [index, raw] of text.split(/\r?\n/).entries()) {
    const fields = raw.trim().split(/\s+/);
    if (fields[0] === undefined || fields[0] === "" || fields[0].startsWith("#")) continue;
    const marker = fields[0].startsWith("@") ? fields.shift() : undefined;
    if (marker !== undefined && marker !== "@revoked") continue;
    const [hosts, keyType, base64] = fields;
    if (!hosts || !keyType || !base64 || !/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) continue;
    const key = Buffer.from(base64, "base64");
    if (blobKeyType(key) !== keyType) continue;
    lines.push({ patterns: hosts.split(","), keyType, key, revoked: marker === "@revoked", line: index + 1 });
  }
  return lines;
}

// How known_hosts names a host: `host` on port 22, `[host]:port` on any other.
export function hostName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

// What the file says of the key this host presented, as OpenSSH judges it: a revoked key is refused
// whatever else is known; a key listed for the host is known; another key of the host's is a changed key.
export function verifyHostKey(lines: readonly KnownHostLine[], host: string, port: number, key: Buffer): HostKeyVerdict {
  const name = hostName(host, port);
  const mine = lines.filter((l) => matchesHost(l.patterns, name));
  const revoked = lines.find((l) => l.revoked && l.key.equals(key));
  if (revoked) return { kind: "revoked", line: revoked.line };
  const trusted = mine.filter((l) => !l.revoked);
  if (trusted.some((l) => l.key.equals(key))) return { kind: "known" };
  if (trusted.length === 0) return { kind: "unknown" };
  return { kind: "changed", knownTypes: [...new Set(trusted.map((l) => l.keyType))], lines: trusted.map((l) => l.line) };
}

// The key types the file knows for this host: asked for first, so that the host presents one of them.
export function knownKeyTypes(lines: readonly KnownHostLine[], host: string, port: number): string[] {
  const name = hostName(host, port);
  return [...new Set(lines.filter((l) => !l.revoked && matchesHost(l.patterns, name)).map((l) => l.keyType))];
}

// The line `--accept-new-hosts` adds, as `ssh -o StrictHostKeyChecking=accept-new` would (unhashed).
export function knownHostsLine(host: string, port: number, key: Buffer): string {
  return `${hostName(host, port)} ${blobKeyType(key) ?? "unknown"} ${key.toString("base64")}`;
}

// The key type a public key blob names (its first SSH string), or null when it names none.
export function blobKeyType(blob: Buffer): string | null {
  if (blob.length < 4) return null;
  const length = blob.readUInt32BE(0);
  if (length === 0 || length > 64 || blob.length < 4 + length) return null;
  return blob.subarray(4, 4 + length).toString("latin1");
}

// A line matches when one of its patterns does and none of its negated ones does (sshd(8) "SSH_KNOWN_HOSTS FILE FORMAT").
function matchesHost(patterns: readonly string[], name: string): boolean {
  let matched = false;
  for (const pattern of patterns) {
    if (pattern.startsWith("!")) {
      if (glob(pattern.slice(1), name)) return false;
    } else if (pattern.startsWith("|1|")) {
      if (hashedMatches(pattern, name)) matched = true;
    } else if (glob(pattern, name)) {
      matched = true;
    }
  }
  return matched;
}

// `|1|salt|hash`: HMAC-SHA1 of the name, keyed with the salt (HashKnownHosts yes).
function hashedMatches(pattern: string, name: string): boolean {
  const [, , salt, hash] = pattern.split("|");
  if (!salt || !hash) return false;
  return createHmac("sha1", Buffer.from(salt, "base64")).update(name).digest("base64") === hash;
}

// `*` and `?` as OpenSSH's match_pattern, case-insensitive as host names are.
function glob(pattern: string, name: string): boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${source}$`, "i").test(name);
}
