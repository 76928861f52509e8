import { mkdtemp, readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseLab } from "../labfile/index.ts";
import { labNewCommand } from "./lab-new-command.ts";
import { labgradeProgram } from "./main.ts";

describe("labgrade lab new", () => {
  it("writes a valid lab and says the commands that follow, recording included", async () => {
    const dir = path.join(await mkdtemp(path.join(os.tmpdir(), "labgrade-new-")), "my-lab");
    let said = "";
    const out = { write: (text: string) => void (said += text) } as unknown as NodeJS.WritableStream;
    expect(await labNewCommand(dir, { title: "My lab" }, out)).toBe(0);
    expect(await parseLab(await readFile(path.join(dir, "lab.yaml"), "utf8"), path.join(dir, "lab.yaml"))).toHaveProperty("lab");
    const next = said.split("\n").slice(1);
    expect(next[0]).toBe("Next:");
    expect(next.slice(1, 6).map((line) => line.slice(0, 5))).toEqual(["  1. ", "  2. ", "  3. ", "  4. ", "  5. "]);
    expect(next[2]).toContain(`npx labgrade lab check ${dir}`);
    expect(next[3]).toContain(`npx labgrade images --lab ${dir}`);
    expect(next[5]).toContain(`npx labgrade lab check ${dir} --fixtures`);
    // The recording command is one the recorder accepts.
    const recorder = labgradeProgram({}, new AbortController().signal).program.commands.find((c) => c.name() === "lab")!.commands.find((c) => c.name() === "record")!;
    const record = next[4]!.split("npx labgrade lab record ")[1]!.split("#")[0]!.trim().split(" ");
    expect(recorder.parseOptions(record).operands).toEqual([dir]);
    expect(recorder.opts()).toMatchObject({ throwaway: true, copyImages: true, updateFixtures: true });
    // The handout's collect names the lab: without --lab, its containers' output would not be recorded.
    expect(await readFile(path.join(dir, "handout.md"), "utf8")).toContain("`npx labgrade collect --lab path/to/my-lab -o evidence.json`");
    // The editor's schema is labgrade's own file, reached from the lab's folder.
    const schema = /\$schema=(\S+)/.exec(await readFile(path.join(dir, "lab.yaml"), "utf8"))![1]!;
    expect(JSON.parse(await readFile(path.resolve(dir, schema), "utf8"))).toHaveProperty("$id");
  });
});
