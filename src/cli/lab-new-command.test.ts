import { mkdtemp, readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseLab } from "../labfile/index.ts";
import { parseRecordArgs } from "../../testing/recorder/record-options.ts";
import { labNewCommand } from "./lab-new-command.ts";

describe("labgrade lab new", () => {
  it("writes a valid lab and says the commands that follow, recording included", async () => {
    const dir = path.join(await mkdtemp(path.join(os.tmpdir(), "labgrade-new-")), "my-lab");
    let said = "";
    const out = { write: (text: string) => void (said += text) } as unknown as NodeJS.WritableStream;
    expect(await labNewCommand(dir, { title: "My lab" }, out)).toBe(0);
    expect(await parseLab(await readFile(path.join(dir, "lab.yaml"), "utf8"), path.join(dir, "lab.yaml"))).toHaveProperty("lab");
    const next = said.split("\n").slice(1);
    expect(next).toEqual([
      "Next:",
      "  1. Edit lab.yaml and handout.md (docs/authoring.md has every kind of step), and write the handout's commands into walks.yaml.",
      `  2. npx labgrade lab check ${dir}   # the lab file alone`,
      `  3. npx labgrade images --lab ${dir} && docker save -o lab-images.tar hello-world python   # the lab's images`,
      `  4. sudo npm run record -- --lab ${dir} --throwaway --images lab-images.tar --update-fixtures`,
      `  5. npx labgrade lab check ${dir} --fixtures   # the recorded walks, and reference/ graded end to end`,
      "",
    ]);
    // The recording command is one the recorder accepts.
    const record = next[4]!.split(" -- ")[1]!.split(" ");
    expect(parseRecordArgs(record)).toMatchObject({ options: { labs: [dir], throwaway: true, images: "lab-images.tar", updateFixtures: true } });
  });
});
