import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fullWalk, snapshot } from "../../testing/lab/snapshot-builder.ts";
import { FIXTURES } from "../../testing/fixtures.ts";
import { readEvidence, readEvidenceFile, writeEvidenceFile } from "./evidence-file.ts";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "labgrade-evidence-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const written = async (name: string, content: unknown): Promise<string> => {
  const file = path.join(dir, name);
  await writeFile(file, typeof content === "string" ? content : JSON.stringify(content));
  return file;
};

describe("evidence files", () => {
  it("round-trips a snapshot as pretty JSON with a trailing newline", async () => {
    const file = path.join(dir, "sub", "evidence.json");
    const walk = fullWalk();
    await writeEvidenceFile(file, walk);
    const text = await readFile(file, "utf8");
    expect(text.startsWith('{\n  "schema": "labgrade.evidence/1",')).toBe(true);
    expect(text.endsWith("}\n")).toBe(true);
    expect(await readEvidenceFile(file)).toEqual(walk);
  });
  it("accepts a snapshot without an engine", async () => {
    const none = snapshot({ engine: null, endpoint: null, client: { version: null } });
    expect(await readEvidenceFile(await written("none.json", none))).toEqual(none);
  });
  it("names the schema it expected and the one it found", async () => {
    await expect(readEvidenceFile(await written("v9.json", { ...snapshot(), schema: "labgrade.evidence/9" }))).rejects.toThrow('Expected evidence.json with schema labgrade.evidence/1 or labgrade.evidence/2 or labgrade.evidence/3; found schema "labgrade.evidence/9" in');
    await expect(readEvidenceFile(await written("other.json", { name: "package" }))).rejects.toThrow("Expected evidence.json with schema labgrade.evidence/1 or labgrade.evidence/2 or labgrade.evidence/3; found no schema field in");
    await expect(readEvidenceFile(await written("array.json", []))).rejects.toThrow("found no schema field");
  });
  it("names each field that has the wrong shape", async () => {
    const bad = { ...fullWalk(), engine: { version: 28 }, images: "none" };
    const error = await readEvidenceFile(await written("bad.json", bad)).catch((e: Error) => e);
    expect(error).toMatchObject({ name: "HarnessError", code: "BAD_INPUT" });
    expect((error as Error).message).toMatch(/engine\.version: expected a string, found 28; engine\.apiVersion: expected a string, found nothing; .*; and \d+ more\.$/);
    const container = { ...fullWalk().containers[0], exitCode: "0", status: "stopped" };
    await expect(readEvidenceFile(await written("container.json", { ...snapshot(), containers: [container] }))).rejects.toThrow(
      'containers[0].status: expected one of created, running, paused, restarting, removing, exited, dead, found "stopped"; containers[0].exitCode: expected a number or null, found "0".',
    );
  });
  it("says when the file is missing or not JSON", async () => {
    await expect(readEvidenceFile(path.join(dir, "missing.json"))).rejects.toThrow(/Could not read the evidence file .*missing\.json: ENOENT/);
    await expect(readEvidenceFile(await written("text.json", "Hello from Docker!"))).rejects.toThrow("Expected evidence.json to hold JSON;");
  });
  it("reads format 2: the facts in format 1's shape for the checks, and the whole file with its documents", async () => {
    const file = path.join(FIXTURES, "evidence-v2/genuine/full-walk/evidence.json");
    const evidence = await readEvidence(file);
    expect(evidence.format).toBe(2);
    if (evidence.format !== 2) return;
    expect(evidence.snapshot.schema).toBe("labgrade.evidence/1");
    expect(evidence.snapshot.containers).toEqual(evidence.file.containers);
    expect(Object.keys(evidence.snapshot)).not.toContain("raw");
    expect(await readEvidenceFile(file)).toEqual(evidence.snapshot);
    expect(evidence.file.raw!.containers.length).toBe(evidence.file.containers.length);
  });
  it("names what is wrong with format 2's documents", async () => {
    const good = JSON.parse(await readFile(path.join(FIXTURES, "evidence-v2/genuine/full-walk/evidence.json"), "utf8")) as Record<string, unknown>;
    const bad = { ...good, digest: 7, raw: { ...(good.raw as object), containers: "none", events: { since: "0" } } };
    await expect(readEvidenceFile(await written("v2-bad.json", bad))).rejects.toThrow(
      /Expected evidence.json in the labgrade.evidence\/2 format; .* has raw\.containers: expected an array of objects, found "none"; raw\.events\.until: expected a string, found nothing; .*digest: expected a string, found 7/,
    );
  });
});
