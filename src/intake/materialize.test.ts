import { mkdir, readFile, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { HarnessError } from "../errors.ts";
import { Budget } from "./archive/index.ts";
import { APP, canvasExportZip, classroomCloneFolder, DOCKERFILE, gradescopeExportZip, moodleExportFolder } from "../../testing/intake/class-exports.ts";
import type { ClassListing, HandIn } from "./hand-in.ts";
import { filesBelow, tempRoot, writeTree, zipBytes } from "../../testing/intake/intake-fixtures.ts";
import { listClass } from "./list-class.ts";
import { materialize, type Materialized } from "./materialize.ts";

let root: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ root, cleanup } = await tempRoot()));
afterEach(() => cleanup());

// Lists the export and materialises every hand-in, each under its own budget, as `labgrade bulk` does.
async function materializeAll(exportPath: string): Promise<{ listing: ClassListing; results: Map<string, Materialized> }> {
  const listing = await listClass(exportPath);
  const results = new Map<string, Materialized>();
  for (const handIn of listing.submissions) {
    results.set(handIn.student, await materialize(exportPath, listing.kind, handIn, join(root, "out", handIn.student), new Budget()));
  }
  return { listing, results };
}

async function filesOf(result: Materialized | undefined): Promise<string[]> {
  if (!result?.ok) throw new Error(`expected a materialised folder; found ${JSON.stringify(result)}`);
  return filesBelow(result.dir);
}

describe("materialize", () => {
  it("turns a Canvas export zip into one folder per student holding app.py and Dockerfile", async () => {
    const { results } = await materializeAll(await canvasExportZip(root));
    expect(await filesOf(results.get("12345"))).toEqual(["Dockerfile", "app.py"]);
    // app-1.py was a re-upload: its original name comes back.
    expect(await filesOf(results.get("2222"))).toEqual(["Dockerfile", "app.py"]);
    // lab.zip held his folder: unpacked, its macOS clutter dropped, the UTF-8 folder name kept.
    expect(await filesOf(results.get("4242"))).toEqual(["Práctica Docker/Dockerfile", "Práctica Docker/app.py"]);
    const jose = results.get("4242");
    expect(jose?.ok && (await readFile(join(jose.dir, "Práctica Docker", "Dockerfile"), "utf8"))).toBe(DOCKERFILE);
    expect(jose).toEqual({ ok: true, dir: join(root, "out", "4242"), skippedLinks: [] });
  });

  it("gives ok:false for a student whose zip is damaged, and the others still materialise", async () => {
    const exported = await canvasExportZip(root, { "doejohn_12345_67892_lab.zip": "PK\u0003\u0004 not a zip at all" });
    const { results } = await materializeAll(exported);
    const john = results.get("12345");
    expect(john?.ok).toBe(false);
    // Which export entry, then the archive's own words for the student.
    expect(john?.ok === false && john.error).toMatch(/^doejohn_12345_67892_lab\.zip: the archive "lab\.zip" is damaged/);
    expect(await filesOf(results.get("2222"))).toEqual(["Dockerfile", "app.py"]);
    expect(await filesOf(results.get("4242"))).toEqual(["Práctica Docker/Dockerfile", "Práctica Docker/app.py"]);
  });

  it("gives ok:false when a hand-in goes over its budget", async () => {
    const exported = await canvasExportZip(root);
    const listing = await listClass(exported);
    const john = listing.submissions.find((s) => s.student === "12345") as HandIn;
    const result = await materialize(exported, "zip", john, join(root, "out"), new Budget({ maxTotalBytes: 10 }));
    expect(result).toMatchObject({ ok: false, error: expect.stringContaining("more than") });
  });

  it("charges a student's zip to their budget once: for its contents, not for the copy staged to unpack it", async () => {
    const app = `${"# padding that deflates well\n".repeat(200)}${APP}`;
    const lab = await zipBytes({ "lab/app.py": app, "lab/Dockerfile": DOCKERFILE });
    const contents = Buffer.byteLength(app) + Buffer.byteLength(DOCKERFILE);
    expect(lab.length).toBeGreaterThan(100);
    expect(lab.length).toBeLessThan(contents);
    await writeFile(join(root, "class.zip"), await zipBytes({ "doejohn_12345_67890_lab.zip": lab }));
    const john = (await listClass(join(root, "class.zip"))).submissions[0] as HandIn;
    const result = await materialize(join(root, "class.zip"), "zip", john, join(root, "out"), new Budget({ maxTotalBytes: contents + 100 }));
    expect(await filesOf(result)).toEqual(["lab/Dockerfile", "lab/app.py"]);
  });

  it("unpacks a zip uploaded without the .zip extension, known by its bytes, from a class zip and a folder", async () => {
    const lab = await zipBytes({ "lab/app.py": APP, "lab/Dockerfile": DOCKERFILE });
    // Canvas keeps the student's file name: "lab" is their lab.zip. A .jar is a zip too, and stays as handed in.
    const { results } = await materializeAll(await canvasExportZip(root, { "wubo_1002_9002_lab": lab, "wubo_1002_9003_tool.jar": lab }));
    expect(await filesOf(results.get("1002"))).toEqual(["lab/Dockerfile", "lab/app.py", "tool.jar"]);
    const folder = await writeTree(join(root, "canvas-folder"), { "wubo_1002_9002_lab": lab });
    const bo = (await listClass(folder)).submissions[0] as HandIn;
    expect(await filesOf(await materialize(folder, "folder", bo, join(root, "out-folder"), new Budget()))).toEqual(["lab/Dockerfile", "lab/app.py"]);
  });

  it("holds a zip without the .zip extension to the same limits, and says which entry it was", async () => {
    const app = `${"# padding that deflates well\n".repeat(200)}${APP}`;
    const exported = await canvasExportZip(root, { "wubo_1002_9002_lab": await zipBytes({ "lab/app.py": app }) });
    const bo = (await listClass(exported)).submissions.find((s) => s.student === "1002") as HandIn;
    const result = await materialize(exported, "zip", bo, join(root, "out"), new Budget({ maxTotalBytes: Buffer.byteLength(app) }));
    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/^wubo_1002_9002_lab: .*more than/) });
    const damaged = await canvasExportZip(root, { "wubo_1002_9002_lab": "PK\u0003\u0004 not a zip at all" });
    const { results } = await materializeAll(damaged);
    expect(results.get("1002")).toMatchObject({ ok: false, error: expect.stringMatching(/^wubo_1002_9002_lab: the archive "lab" is damaged/) });
  });

  it("materialises a Moodle folder export: folders copied, flat files without their prefix", async () => {
    const { results } = await materializeAll(await moodleExportFolder(root));
    expect(await filesOf(results.get("88"))).toEqual(["Dockerfile", "app.py"]);
    expect(await filesOf(results.get("77"))).toEqual(["onlinetext.html", "pythonapp/Dockerfile", "pythonapp/app.py"]);
    expect(await filesOf(results.get("91"))).toEqual(["Dockerfile", "app.py"]);
  });

  it("materialises a Gradescope export from inside its wrapper folder", async () => {
    const { results } = await materializeAll(await gradescopeExportZip(root));
    expect(await filesOf(results.get("20265555"))).toEqual(["Dockerfile", "app.py"]);
    expect(await filesOf(results.get("zoe@example.edu"))).toEqual(["Dockerfile", "app.py"]);
  });

  it("materialises a classroom clone without its git history", async () => {
    const { results } = await materializeAll(await classroomCloneFolder(root));
    expect(await filesOf(results.get("alice"))).toEqual(["Dockerfile", "app.py"]);
    expect(await filesOf(results.get("bob-smith"))).toEqual(["Dockerfile", "app.py"]);
  });

  it("unpacks a student's own zip from a folder export, and its zips inside", async () => {
    const inner = await zipBytes({ "app/app.py": APP, "app/Dockerfile": DOCKERFILE });
    const exported = await writeTree(join(root, "plain"), { "alice.zip": await zipBytes({ "lab/inner.zip": inner, "lab/README.md": "hi" }) });
    const { results } = await materializeAll(exported);
    expect(await filesOf(results.get("alice"))).toEqual(["lab/README.md", "lab/inner/app/Dockerfile", "lab/inner/app/app.py"]);
  });

  it("keeps two files that restore to one name apart, and reports a top-level link without following it", async () => {
    const exported = await writeTree(join(root, "canvas"), {
      "doejohn_12345_1_app-1.py": "first",
      "doejohn_12345_2_app-2.py": "second",
      "doejohn_12345_3_Dockerfile": DOCKERFILE,
    });
    await writeFile(join(root, "secret.txt"), "not the student's");
    await symlink(join(root, "secret.txt"), join(exported, "doejohn_12345_4_notes.txt"));
    const { results } = await materializeAll(exported);
    const john = results.get("12345");
    expect(await filesOf(john)).toEqual(["Dockerfile", "app-1.py", "app-2.py"]);
    expect(john?.ok && john.skippedLinks).toEqual(["doejohn_12345_4_notes.txt"]);
  });

  it("throws CANCELLED, not a student's failure, when the signal is aborted", async () => {
    const exported = await canvasExportZip(root);
    const listing = await listClass(exported);
    const first = listing.submissions[0] as HandIn;
    const controller = new AbortController();
    controller.abort("Ctrl-C");
    const error = await materialize(exported, "zip", first, join(root, "out"), new Budget(), controller.signal).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HarnessError);
    expect(error).toMatchObject({ code: "CANCELLED" });
  });

  it("propagates what is not an archive's refusal", async () => {
    await mkdir(join(root, "export"));
    const ghost: HandIn = { student: "x", name: "", late: false, entries: ["gone"], lms: "plain" };
    await expect(materialize(join(root, "export"), "folder", ghost, join(root, "out"), new Budget())).rejects.toMatchObject({ code: "ENOENT" });
  });
});
