import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import yauzl from "yauzl";
import { testWheelCache } from "../../testing/runners/test-wheels.ts";
import { submissionFixtures } from "../../testing/fixtures.ts";
import { gradescopeCommand } from "./gradescope-command.ts";

const PROJECT = fileURLToPath(new URL("../../", import.meta.url));
const VISIBILITIES = ["hidden", "after_due_date", "after_published", "visible"];
const FORMATS = ["text", "html", "simple_format", "md", "ansi"];
// Gradescope's documented results.json fields (https://gradescope-autograders.readthedocs.io/en/latest/specs/).
const TOP_FIELDS = ["score", "execution_time", "output", "output_format", "test_output_format", "test_name_format", "visibility", "stdout_visibility", "extra_data", "tests", "leaderboard"];
const TEST_FIELDS = ["score", "max_score", "status", "name", "name_format", "number", "output", "output_format", "tags", "visibility", "extra_data"];

type Json = Record<string, unknown>;

// What in a results.json Gradescope's specification does not allow: the field names, their types and values.
function specProblems(results: Json): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, what: string) => ok || problems.push(what);
  for (const key of Object.keys(results)) check(TOP_FIELDS.includes(key), `unknown top-level field ${key}`);
  check(typeof results.score === "number", "score is a number");
  check(Number.isInteger(results.execution_time) && (results.execution_time as number) >= 0, "execution_time is whole seconds");
  check(typeof results.output === "string", "output is a string");
  check(FORMATS.includes(results.output_format as string), "output_format is a format");
  check(VISIBILITIES.includes(results.visibility as string) && VISIBILITIES.includes(results.stdout_visibility as string), "visibility and stdout_visibility are visibilities");
  check(Array.isArray(results.tests), "tests is a list");
  for (const [i, test] of ((results.tests as Json[]) ?? []).entries()) {
    for (const key of Object.keys(test)) check(TEST_FIELDS.includes(key), `test ${i}: unknown field ${key}`);
    check(typeof test.name === "string" && typeof test.number === "string" && typeof test.output === "string", `test ${i}: name, number and output are strings`);
    check(typeof test.score === "number" && typeof test.max_score === "number" && (test.score as number) >= 0 && (test.score as number) <= (test.max_score as number), `test ${i}: 0 <= score <= max_score`);
    check(test.status === "passed" || test.status === "failed", `test ${i}: status is passed or failed`);
    check(FORMATS.includes(test.output_format as string) && VISIBILITIES.includes(test.visibility as string), `test ${i}: output_format and visibility`);
    check(Array.isArray(test.tags) && (test.tags as unknown[]).every((t) => typeof t === "string"), `test ${i}: tags are strings`);
  }
  return problems;
}

function unzip(file: string, dest: string): Promise<Map<string, number>> {
  const modes = new Map<string, number>();
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error ?? new Error("no zip"));
      zip.on("entry", (entry: yauzl.Entry) => {
        modes.set(entry.fileName, (entry.externalFileAttributes >>> 16) & 0o777);
        zip.openReadStream(entry, (err, stream) => {
          if (err || !stream) return reject(err ?? new Error("no stream"));
          const chunks: Buffer[] = [];
          stream.on("data", (c: Buffer) => chunks.push(c));
          stream.on("end", () => {
            const target = path.join(dest, entry.fileName);
            void mkdir(path.dirname(target), { recursive: true })
              .then(() => writeFile(target, Buffer.concat(chunks), { mode: (entry.externalFileAttributes >>> 16) & 0o777 }))
              .then(() => zip.readEntry(), reject);
          });
        });
      });
      zip.on("end", () => resolve(modes));
      zip.readEntry();
    });
  });
}

// The zip as Gradescope uses it: unpacked into a fake /autograder, setup.sh (its system installs printed, not run:
// npm's packages are linked from this checkout), then run_autograder on a hand-in, graded without an engine.
describe("labgrade gradescope", () => {
  let root = "";
  let modes = new Map<string, number>();
  let setup = "";
  const env = () => ({ ...process.env, LABGRADE_AUTOGRADER_ROOT: root, LABGRADE_SETUP_NO_SYSTEM: "1" });

  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), "labgrade-autograder-"));
    const zip = path.join(root, "autograder.zip");
    await gradescopeCommand({ out: zip, wheels: await testWheelCache(), visibility: "after_due_date", timeout: 30 }, { write: () => true } as unknown as NodeJS.WritableStream);
    modes = await unzip(zip, path.join(root, "source"));
    await symlink(path.join(PROJECT, "node_modules"), path.join(root, "source", "labgrade", "node_modules"));
    const ran = await execa("bash", [path.join(root, "source", "setup.sh")], { env: env(), all: true, reject: false, timeout: 300_000 });
    setup = ran.all ?? "";
    expect(ran.exitCode, setup).toBe(0);
  }, 600_000);
  afterAll(() => rm(root, { recursive: true, force: true }));

  async function autograde(fixtureName: string, evidence: "carried" | "full-walk" | "none"): Promise<Json> {
    const fixture = submissionFixtures().find((f) => f.name === fixtureName)!;
    const submission = path.join(root, "submission");
    await rm(submission, { recursive: true, force: true });
    await cp(fixture.dir, submission, { recursive: true });
    await rm(path.join(submission, "expected.json"));
    if (evidence === "full-walk") await cp(fixture.evidenceFile, path.join(submission, "evidence.json"));
    const ran = await execa(path.join(root, "source", "run_autograder"), [], { env: env(), all: true, reject: false, timeout: 300_000 });
    expect(ran.exitCode, ran.all).toBe(0);
    return JSON.parse(await readFile(path.join(root, "results", "results.json"), "utf8")) as Json;
  }

  it("holds setup.sh and run_autograder at its root, executable, with labgrade and the shipped wheels", () => {
    expect(modes.get("setup.sh")! & 0o111).toBeTruthy();
    expect(modes.get("run_autograder")! & 0o111).toBeTruthy();
    expect(modes.has("labgrade/bin/labgrade.js") && modes.has("labgrade/src/cli/main.ts") && modes.has("labgrade/package-lock.json")).toBe(true);
    expect([...modes.keys()].filter((f) => f.endsWith(".test.ts"))).toEqual([]);
    expect([...modes.keys()].some((f) => f.startsWith("wheels-shipped/") && f.endsWith(".whl"))).toBe(true);
  });

  it("holds the lab it grades with the handout's files its lab file reads, and none of its walks, hand-ins or tests", () => {
    const lab = [...modes.keys()].filter((f) => f.startsWith("labgrade-lab/")).sort();
    expect(lab).toEqual(expect.arrayContaining(["labgrade-lab/lab.yaml", "labgrade-lab/handout.md", "labgrade-lab/reference/Dockerfile", "labgrade-lab/reference/app.py"]));
    expect(lab.filter((f) => /^labgrade-lab\/(walks|fixtures|tests)\/|walks\.yaml$/.test(f))).toEqual([]);
  });

  it("setup.sh installs Node, python3-venv and labgrade's dependencies, and checks the wheels in this python", async () => {
    expect(setup).toContain("+ apt-get install -y --no-install-recommends ca-certificates curl gnupg python3 python3-venv util-linux coreutils");
    expect(setup).toContain("+ npm ci --omit=dev");
    const manifest = JSON.parse(await readFile(path.join(root, "source", "wheels", "labgrade-wheels.json"), "utf8")) as { source: string };
    expect(manifest.source).toBe("folder");
  });

  it("grades the reference to full marks without an engine, the plot in the results", async () => {
    const results = await autograde("reference", "carried");
    expect(specProblems(results)).toEqual([]);
    const tests = results.tests as Json[];
    expect(tests.filter((t) => t.status !== "passed").map((t) => t.output)).toEqual([]);
    expect(results.score).toBe(100);
    expect(tests.reduce((sum, t) => sum + (t.max_score as number), 0)).toBe(100);
    expect(results).toMatchObject({ visibility: "after_due_date", stdout_visibility: "after_due_date" });
    const plot = tests.find((t) => (t.tags as string[]).includes("pythonapp-plot"))!;
    expect(plot.output_format).toBe("html");
    expect(plot.output).toMatch(/<img [^>]*src="data:image\/png;base64,iVBORw0KGgo/);
    expect(results.output).toContain("Graded without a Docker engine (--no-engine)");
  }, 300_000);

  it("grades the no-pip fixture to its known verdicts: numpy is missing at run time", async () => {
    const fixture = submissionFixtures().find((f) => f.name === "no-pip-line")!;
    const results = await autograde("no-pip-line", "full-walk");
    expect(specProblems(results)).toEqual([]);
    const tests = results.tests as Json[];
    const found = Object.fromEntries(tests.map((t) => [(t.tags as string[])[0], t.status]));
    const expected = Object.fromEntries(Object.entries(fixture.steps).map(([id, status]) => [id, status === "passed" ? "passed" : "failed"]));
    expect(found).toEqual(expected);
    expect(tests.find((t) => (t.tags as string[]).includes("pythonapp-output"))?.output).toContain("ModuleNotFoundError: No module named 'numpy'");
    expect(results.score).toBe(tests.reduce((sum, t) => sum + (t.score as number), 0));
  }, 300_000);

  it("fails the engine steps of a hand-in without evidence.json as the student's (they must hand it in)", async () => {
    const results = await autograde("no-pip-line", "none");
    const engine = (results.tests as Json[]).filter((t) => (t.tags as string[]).includes("mycontainer-created"))[0]!;
    expect(engine).toMatchObject({ status: "failed", score: 0 });
    expect(engine.output).toContain("No evidence.json was handed in");
  }, 300_000);
});
