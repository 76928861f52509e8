import { stripVTControlCharacters } from "node:util";
import { describe, expect, it } from "vitest";
import { shippedLabIds } from "./index.ts";
import { AUTHORED_LAB } from "../../testing/lab/authored-lab.ts";
import { runCli } from "../../testing/run-cli.ts";

// Every hand-in of every lab labgrade ships beside the handout's (whose fixtures other docker tests grade in every
// mode), and of the lab written from the docs alone (an app asked over HTTP without compose), graded end to end on
// the engine and held to its expected.json: what `labgrade lab check --fixtures` does for a lab's author. A new lab
// is graded here by adding its folder.
describe.each([...shippedLabIds().filter((id) => id !== "docker-install"), AUTHORED_LAB])("the lab %s, end to end", (id) => {
  it("gives each walk and hand-in the verdicts it expects", async () => {
    const checked = await runCli(["lab", "check", id, "--fixtures"]);
    expect(checked.exitCode, checked.stdout + checked.stderr).toBe(0);
    expect(stripVTControlCharacters(checked.stdout)).toMatch(/✓ (\d+) of \1 walks and hand-ins gave the verdicts they expect\./);
  }, 900_000);
});
