import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderGradescope } from "../reports/gradescope.ts";
import { sampleReport } from "../../testing/reports/sample-report.ts";
import { passedCommand } from "./passed-command.ts";

describe("labgrade passed", () => {
  let dir = "";
  let results = "";
  const printed: string[] = [];
  const out = { write: (s: string) => printed.push(s) > 0 } as unknown as NodeJS.WritableStream;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "labgrade-passed-"));
    results = path.join(dir, "results.json");
    // The results.json `labgrade grade` writes, as its reporter renders it.
    await writeFile(results, renderGradescope(sampleReport()));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("exits 0 for a step that passed and 1 for one that failed or was not judged, printing the verdict", async () => {
    expect(await passedCommand("docker-engine", { results }, out)).toBe(0);
    expect(printed.at(-1)).toBe("docker-engine: passed (10/10 points)\nClient 27.1 and engine 27.1 answered.\n");
    expect(await passedCommand("hello-world-ran", { results }, out)).toBe(1);
    expect(printed.at(-1)).toContain("hello-world-ran: not passed (0/10 points)\nExpected `Hello from Docker!`");
    expect(printed.at(-1)).toContain("Hint: Run `docker run hello-world`");
    expect(await passedCommand("pythonapp-build", { results }, out)).toBe(1);
    expect(printed.at(-1)).toContain("labgrade could not judge this step");
  });

  it("is a harness error, never a verdict, without a grade, with an unknown step, or a step the grade lacks", async () => {
    await expect(passedCommand("docker-engine", { results: path.join(dir, "none.json") }, out)).rejects.toMatchObject({ code: "BAD_INPUT", hint: expect.stringContaining("The grade did not finish") });
    await expect(passedCommand("dockr-engine", { results }, out)).rejects.toMatchObject({ message: expect.stringContaining("Expected step `dockr-engine`") });
    await expect(passedCommand("python-image-removed", { results }, out)).rejects.toMatchObject({ message: expect.stringContaining("none tagged with it") });
    const broken = path.join(dir, "broken.json");
    await writeFile(broken, "{");
    await expect(passedCommand("docker-engine", { results: broken }, out)).rejects.toMatchObject({ message: expect.stringContaining('a "tests" list') });
  });
});
