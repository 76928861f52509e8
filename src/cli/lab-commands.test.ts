import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readConfig } from "../config.ts";
import { loadLab, shippedLabIds } from "../labfile/index.ts";
import { labCheckCommand } from "./lab-check-command.ts";
import { labNewCommand } from "./lab-new-command.ts";
import { labsCommand } from "./labs-command.ts";

const sink = () => {
  let text = "";
  return { stream: { write: (chunk: string) => ((text += chunk), true) } as unknown as NodeJS.WritableStream, text: () => text };
};

describe("labgrade labs, lab new and lab check", () => {
  const dirs: string[] = [];
  afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  it("lists every shipped lab with its steps and points, and as JSON", async () => {
    const shown = sink();
    expect(await labsCommand({}, shown.stream)).toBe(0);
    for (const id of shippedLabIds()) expect(shown.text()).toMatch(new RegExp(`^${id} +\\d+ steps +100 pts `, "m"));
    const json = sink();
    await labsCommand({ json: true }, json.stream);
    const rows = JSON.parse(json.text()) as Array<{ id: string; digest: string }>;
    expect(rows.map((r) => r.id)).toEqual(shippedLabIds());
    expect(rows.find((r) => r.id === "docker-install")!.digest).toBe((await loadLab("docker-install")).digest);
  });

  it("starts a lab that lab check accepts, and then says what is wrong with it at its line", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "labgrade-lab-new-"));
    dirs.push(dir);
    const folder = path.join(dir, "my-lab");
    expect(await labNewCommand(folder, { title: "My lab" }, sink().stream)).toBe(0);
    const checked = sink();
    expect(await labCheckCommand(folder, {}, readConfig({}), {}, undefined, checked.stream), checked.text()).toBe(0);
    expect(checked.text()).toContain("the lab my-lab (My lab)");
    const lab = await loadLab(folder);
    expect(lab.steps.length).toBeGreaterThan(0);
    const file = path.join(folder, "lab.yaml");
    await writeFile(file, (await readFile(file, "utf8")).replace(/points: \d+/, "points: ten"));
    const broken = sink();
    expect(await labCheckCommand(folder, {}, readConfig({}), {}, undefined, broken.stream)).toBe(1);
    expect(broken.text()).toMatch(/lab\.yaml:\d+:\d+: steps\[\d+\]\.points/);
  });
});
