import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { KnownHosts } from "./host-keys.ts";
import { knownHostsLine } from "./known-hosts.ts";

function blob(seed: string): Buffer {
  const name = Buffer.from("ssh-ed25519");
  const length = Buffer.alloc(4);
  length.writeUInt32BE(name.length);
  return Buffer.concat([length, name, Buffer.from(seed.padEnd(32, "."))]);
}
const KEY = blob("the lab machine");
const OTHER = blob("someone in the middle");

describe("KnownHosts", () => {
  let dir = "";
  let file = "";
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "labgrade-known-hosts-"));
    file = path.join(dir, "ssh", "known_hosts");
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it("refuses a host it does not know, saying how to add it, and leaves the file alone", async () => {
    const outcome = await new KnownHosts({ file, acceptNew: false }).check("127.0.0.1", 2222, KEY);
    expect(outcome).toEqual({ ok: false, reason: expect.stringContaining(`[127.0.0.1]:2222 is not in ${file}`) });
    expect(outcome.ok ? "" : outcome.reason).toContain("ssh-keyscan -p 2222 127.0.0.1");
    await expect(readFile(file, "utf8")).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("with --accept-new-hosts, trusts a new host once, adds it to the file, and holds it to that key for the rest of the run", async () => {
    const hosts = new KnownHosts({ file, acceptNew: true });
    expect(await hosts.check("127.0.0.1", 2222, KEY)).toEqual({ ok: true, added: true });
    expect(await hosts.check("127.0.0.1", 2222, KEY)).toEqual({ ok: true, added: false });
    const later = await hosts.check("127.0.0.1", 2222, OTHER);
    expect(later.ok).toBe(false);
    expect(await readFile(file, "utf8")).toBe(`${knownHostsLine("127.0.0.1", 2222, KEY)}\n`);
    // A later run reads what this one added.
    expect(await new KnownHosts({ file, acceptNew: false }).check("127.0.0.1", 2222, KEY)).toEqual({ ok: true, added: false });
  });

  it("never accepts a changed key, even with --accept-new-hosts, and says how to remove the old one", async () => {
    await writeFile(path.join(dir, "kh"), `${knownHostsLine("lab1.example.edu", 22, KEY)}\n`);
    const outcome = await new KnownHosts({ file: path.join(dir, "kh"), acceptNew: true }).check("lab1.example.edu", 22, OTHER);
    expect(outcome.ok).toBe(false);
    expect(outcome.ok ? "" : outcome.reason).toMatch(/^the host key of lab1\.example\.edu has changed: it presented an ssh-ed25519 key that does not match its ssh-ed25519 key \(line 1\)/);
    expect(outcome.ok ? "" : outcome.reason).toContain(`ssh-keygen -R 'lab1.example.edu' -f ${path.join(dir, "kh")}`);
    expect(await readFile(path.join(dir, "kh"), "utf8")).toBe(`${knownHostsLine("lab1.example.edu", 22, KEY)}\n`);
  });
});
