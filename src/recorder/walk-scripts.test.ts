import { cp, mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadLab } from "../labfile/index.ts";
import { labWalkScripts } from "./walk-scripts.ts";

// A copy of the shipped volumes lab with walks.yaml replaced.
async function labWithWalks(walks: string | null) {
  const dir = path.join(await mkdtemp(path.join(os.tmpdir(), "labgrade-walks-")), "docker-volumes-networks");
  await cp(new URL("../../labs/docker-volumes-networks/", import.meta.url), dir, { recursive: true, filter: (src) => !src.endsWith("walks.yaml") && !src.includes(`${path.sep}walks${path.sep}`) });
  if (walks !== null) await writeFile(path.join(dir, "walks.yaml"), walks);
  return loadLab(dir);
}

const problem = async (walks: string | null) => {
  try {
    labWalkScripts(await labWithWalks(walks));
    return "none";
  } catch (error) {
    return (error as Error).message;
  }
};

describe("a lab's walks.yaml", () => {
  it("reads every shipped lab's walks, with each engine step's expected verdict", async () => {
    const walks = labWalkScripts(await loadLab("docker-volumes-networks"));
    expect(walks.map((w) => w.name)).toContain("full-walk");
    expect(Object.values(walks.find((w) => w.name === "full-walk")!.expected).every((s) => s === "passed")).toBe(true);
  });

  it("refuses a walks.yaml it cannot walk, saying the file and what is wrong", async () => {
    expect(await problem(null)).toMatch(/has no walks to record: expected .*walks\.yaml/);
    expect(await problem("walks: [\n")).toMatch(/walks\.yaml is not valid YAML/);
    expect(await problem("walk:\n  - name: a\n")).toMatch(/expected a list under `walks:`/);
    expect(await problem("walks:\n  - name: Full Walk\n    commands: [docker ps]\n")).toMatch(/walks\[0\] needs a `name:` of lowercase words/);
    expect(await problem("walks:\n  - name: a\n    commands: [docker ps]\n  - name: a\n    commands: [docker ps]\n")).toMatch(/two walks are named a/);
    expect(await problem("walks:\n  - name: a\n")).toMatch(/the walk a needs `commands:`/);
    expect(await problem("walks:\n  - name: a\n    commands: [docker ps]\n    expect: { no-such-step: failed }\n")).toMatch(/expects no-such-step, which is not an engine step of docker-volumes-networks \(its engine steps: /);
    expect(await problem("walks:\n  - name: a\n    commands: [docker ps]\n    expect: { all: fail }\n")).toMatch(/expects all: "fail"; a verdict is one of passed, failed, skipped, error/);
    expect(await problem("walks:\n  - name: a\n    commands: [ls -l]\n")).toMatch(/does not start with `docker`/);
  });
});
