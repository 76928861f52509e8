import { chmod, copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { execa } from "execa";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

const RUN_AUTOGRADER = fileURLToPath(new URL("../../templates/gradescope/run_autograder", import.meta.url));

// run_autograder with a stand-in for labgrade that exits as told, writing results.json or not: what Gradescope
// sees from the script alone.
describe("run_autograder", () => {
  let root = "";
  beforeEach(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), "labgrade-run-autograder-"));
    await mkdir(path.join(root, "source", "labgrade", "bin"), { recursive: true });
    await mkdir(path.join(root, "results"));
    await writeFile(path.join(root, "source", "labgrade-gradescope.env"), "LABGRADE_VISIBILITY=visible\nLABGRADE_TIMEOUT=30\nLABGRADE_MEMORY=512\n");
    await copyFile(RUN_AUTOGRADER, path.join(root, "run_autograder"));
    await chmod(path.join(root, "run_autograder"), 0o755);
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  const run = async (stub: string) => {
    await writeFile(path.join(root, "source", "labgrade", "bin", "labgrade.js"), stub);
    return execa(path.join(root, "run_autograder"), [], { env: { ...process.env, LABGRADE_AUTOGRADER_ROOT: root }, all: true, reject: false, timeout: 30_000 });
  };

  it("fails, saying so, when labgrade could not judge a step and wrote no results.json (a stale one removed first)", async () => {
    await writeFile(path.join(root, "results", "results.json"), '{"score": 100}');
    const ran = await run('process.stderr.write("labgrade could not judge pythonapp-build (not the student\'s mistake)\\n"); process.exit(1);\n');
    expect(ran.exitCode).toBe(1);
    expect(ran.all).toContain("labgrade wrote no results.json (exit 1): it could not grade this submission (see above), so this autograder run fails instead of giving a score.");
    await expect(readFile(path.join(root, "results", "results.json"))).rejects.toThrow();
  });

  it("fails even when labgrade exits 0 without a results.json", async () => {
    expect((await run("process.exit(0);\n")).exitCode).toBe(1);
  });

  it("succeeds when labgrade wrote results.json", async () => {
    const ran = await run('const i = process.argv.indexOf("--gradescope-results"); require("node:fs").writeFileSync(process.argv[i + 1], "{}");\n');
    expect(ran.exitCode, ran.all).toBe(0);
  });

  it("passes the class's evidence rules to labgrade grade, and none when the zip names none (or is older)", async () => {
    const echo = 'require("node:fs").writeFileSync(process.argv[process.argv.indexOf("--gradescope-results") + 1], JSON.stringify(process.argv.slice(2)));\n';
    const args = async () => JSON.parse(await readFile(path.join(root, "results", "results.json"), "utf8")) as string[];
    await run(echo);
    expect((await args()).filter((a) => a === "--require-evidence" || a === "--window")).toEqual([]);
    await writeFile(path.join(root, "source", "labgrade-gradescope.env"), "LABGRADE_VISIBILITY=visible\nLABGRADE_TIMEOUT=30\nLABGRADE_MEMORY=512\nLABGRADE_REQUIRE_EVIDENCE=2\nLABGRADE_WINDOW=2026-09-01T00:00:00.000Z..2026-09-14T23:59:59.999Z\n");
    await run(echo);
    const given = await args();
    expect(given.slice(given.indexOf("--require-evidence"), given.indexOf("--require-evidence") + 2)).toEqual(["--require-evidence", "2"]);
    expect(given.slice(given.indexOf("--window"), given.indexOf("--window") + 2)).toEqual(["--window", "2026-09-01T00:00:00.000Z..2026-09-14T23:59:59.999Z"]);
  });
});
