import { createHmac, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { blobKeyType, hostName, knownHostsLine, knownKeyTypes, parseKnownHosts, verifyHostKey } from "./known-hosts.ts";

// A public key blob as a server sends it: the type as an SSH string, then key material.
function blob(type: string, seed: string): Buffer {
  const name = Buffer.from(type, "latin1");
  const length = Buffer.alloc(4);
  length.writeUInt32BE(name.length);
  return Buffer.concat([length, name, Buffer.from(seed.padEnd(32, "."), "latin1")]);
}
const ED_A = blob("ssh-ed25519", "machine A");
const ED_B = blob("ssh-ed25519", "machine B");
const RSA_A = blob("ssh-rsa", "machine A rsa");
const line = (hosts: string, key: Buffer, marker = "") => `${marker}${marker ? " " : ""}${hosts} ${blobKeyType(key)} ${key.toString("base64")}`;
const hashed = (name: string) => {
  const salt = randomBytes(20);
  return `|1|${salt.toString("base64")}|${createHmac("sha1", salt).update(name).digest("base64")}`;
};

describe("known_hosts", () => {
  it("names a host on port 22 bare and on any other port in brackets", () => {
    expect(hostName("lab1.example.edu", 22)).toBe("lab1.example.edu");
    expect(hostName("127.0.0.1", 2222)).toBe("[127.0.0.1]:2222");
  });

  it("knows a listed key, calls another key of a listed host changed, and a host it does not list unknown", () => {
    const lines = parseKnownHosts([line("lab1.example.edu,10.0.0.5", ED_A), line("[127.0.0.1]:2222", ED_A)].join("\n"));
    expect(verifyHostKey(lines, "lab1.example.edu", 22, ED_A)).toEqual({ kind: "known" });
    expect(verifyHostKey(lines, "10.0.0.5", 22, ED_A)).toEqual({ kind: "known" });
    expect(verifyHostKey(lines, "127.0.0.1", 2222, ED_A)).toEqual({ kind: "known" });
    expect(verifyHostKey(lines, "lab1.example.edu", 22, ED_B)).toEqual({ kind: "changed", knownTypes: ["ssh-ed25519"], lines: [1] });
    // The same host on another port is another entry: OpenSSH keeps them apart.
    expect(verifyHostKey(lines, "127.0.0.1", 22, ED_A)).toEqual({ kind: "unknown" });
    expect(verifyHostKey(lines, "lab2.example.edu", 22, ED_A)).toEqual({ kind: "unknown" });
  });

  it("reads hashed names, wildcards and negations as OpenSSH does", () => {
    const lines = parseKnownHosts([line(hashed("[lab3.example.edu]:2200"), ED_A), line("*.lab.example.edu,!evil.lab.example.edu", ED_B), line("lab?.example.org", RSA_A)].join("\n"));
    expect(verifyHostKey(lines, "lab3.example.edu", 2200, ED_A)).toEqual({ kind: "known" });
    expect(verifyHostKey(lines, "lab3.example.edu", 22, ED_A)).toEqual({ kind: "unknown" });
    expect(verifyHostKey(lines, "pc7.lab.example.edu", 22, ED_B)).toEqual({ kind: "known" });
    expect(verifyHostKey(lines, "evil.lab.example.edu", 22, ED_B)).toEqual({ kind: "unknown" });
    expect(verifyHostKey(lines, "LAB4.example.org", 22, RSA_A)).toEqual({ kind: "known" });
    expect(verifyHostKey(lines, "lab44.example.org", 22, RSA_A)).toEqual({ kind: "unknown" });
  });

  it("refuses a revoked key wherever it is presented, and skips comments, CA lines and lines it cannot read", () => {
    const text = ["# a comment", "", line("lab1.example.edu", ED_A), line("*", ED_B, "@revoked"), line("*", ED_A, "@cert-authority"), "lab1.example.edu ssh-ed25519 not-base64!", `lab1.example.edu ssh-rsa ${ED_A.toString("base64")}`].join("\n");
    const lines = parseKnownHosts(text);
    expect(lines.map((l) => l.line)).toEqual([3, 4]);
    expect(verifyHostKey(lines, "lab1.example.edu", 22, ED_B)).toEqual({ kind: "revoked", line: 4 });
    expect(verifyHostKey(lines, "anywhere", 22, ED_B)).toEqual({ kind: "revoked", line: 4 });
    expect(verifyHostKey(lines, "lab1.example.edu", 22, ED_A)).toEqual({ kind: "known" });
  });

  it("lists the key types known for a host, and writes a line it reads back", () => {
    const added = knownHostsLine("127.0.0.1", 2222, ED_A);
    expect(added).toBe(`[127.0.0.1]:2222 ssh-ed25519 ${ED_A.toString("base64")}`);
    const lines = parseKnownHosts(`${added}\n${line("[127.0.0.1]:2222", RSA_A)}\n`);
    expect(verifyHostKey(lines, "127.0.0.1", 2222, ED_A)).toEqual({ kind: "known" });
    expect(knownKeyTypes(lines, "127.0.0.1", 2222)).toEqual(["ssh-ed25519", "ssh-rsa"]);
    expect(knownKeyTypes(lines, "127.0.0.1", 22)).toEqual([]);
  });
});
