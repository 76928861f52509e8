import { readFile, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { gradeClass } from "../bulk/grade-class.ts";
import { JOURNAL_FILE, readJournal, renderJournal } from "../bulk/journal.ts";
import { HarnessError } from "../errors.ts";
import { DEFAULT_LIMITS } from "../intake/archive/index.ts";
import { listClass } from "../intake/list-class.ts";
import { filesBelow, tempRoot, writeTree } from "../../testing/intake/intake-fixtures.ts";
import { fakeGrader, okRun } from "../../testing/fake-grader.ts";
import { mergeCommand } from "./merge-command.ts";

let root: string;
let cleanup: () => Promise<void>;
const grade = async (exportPath: string, outDir: string) =>
  gradeClass({
    exportPath, listing: await listClass(exportPath), outDir, grader: fakeGrader({ build: async () => ({ ok: true, log: "", durationMs: 1 }) }, { run: async () => okRun() }),
    concurrency: 2, limits: DEFAULT_LIMITS, force: false, retries: 0, gradeTimeoutMs: 30_000, signal: new AbortController().signal,
  });
const refusal = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => (error instanceof HarnessError ? `${error.code}: ${error.message}` : `not a HarnessError: ${String(error)}`));

// Two shards of the Docker installation lab, graded as `bulk --shard` grades them, and a third whose journal says
// its rows were graded with the volumes and networks lab.
let installA: string;
let installB: string;
let volumes: string;
beforeAll(async () => {
  ({ root, cleanup } = await tempRoot());
  vi.spyOn(process.stdout, "write").mockImplementation(() => true);
  vi.spyOn(process.stderr, "write").mockImplementation(() => true);
  installA = path.join(root, "install-a");
  installB = path.join(root, "install-b");
  volumes = path.join(root, "volumes");
  await grade(await writeTree(path.join(root, "class-a"), { "alice/app.py": "print(1)\n" }), installA);
  await grade(await writeTree(path.join(root, "class-b"), { "bob/app.py": "print(2)\n" }), installB);
  await grade(await writeTree(path.join(root, "class-c"), { "carol/app.py": "print(3)\n" }), volumes);
  const { rows } = await readJournal(path.join(volumes, JOURNAL_FILE));
  const other = [...rows.values()].map((row) => ({ ...row, lab: { id: "docker-volumes-networks", title: "Volumes, bind mounts and a user-defined network", digest: "sha256:0" } }));
  await writeFile(path.join(volumes, JOURNAL_FILE), renderJournal(other), "utf8");
});
afterAll(async () => {
  vi.restoreAllMocks();
  await cleanup();
});

describe("labgrade merge", () => {
  it("merges the shards of one lab into --out", async () => {
    const out = path.join(root, "merged");
    expect(await mergeCommand([installA, installB], { out })).toBe(0);
    expect([...(await readJournal(path.join(out, JOURNAL_FILE))).rows.keys()].sort()).toEqual(["alice", "bob"]);
    await rm(out, { recursive: true });
  });

  it("refuses shards of two labs before it writes anything to --out", async () => {
    const out = path.join(root, "mixed");
    expect(await refusal(mergeCommand([installA, volumes], { out }))).toMatch(/^BAD_INPUT: Expected one lab's class; found rows of the labs docker-install, docker-volumes-networks/);
    expect(await stat(out).catch(() => null)).toBeNull();
  });

  it("refuses a --lab other than the shards' before it writes anything, and leaves an existing --out as it was", async () => {
    const out = await writeTree(path.join(root, "kept"), { "notes.txt": "mine\n" });
    expect(await refusal(mergeCommand([installA, installB], { out, lab: "docker-volumes-networks" }))).toMatch(/^BAD_INPUT: Expected a class of the lab docker-volumes-networks; its rows were graded with the lab docker-install/);
    expect(await filesBelow(out)).toEqual(["notes.txt"]);
    expect(await readFile(path.join(out, "notes.txt"), "utf8")).toBe("mine\n");
  });
});
