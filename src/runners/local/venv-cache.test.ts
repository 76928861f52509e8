import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { VenvCache } from "./venv-cache.ts";

describe("VenvCache", () => {
  const tmp = mkdtemp(path.join(os.tmpdir(), "labgrade-venv-test-"));
  afterAll(async () => rm(await tmp, { recursive: true, force: true }));

  // The python does not exist: had labgrade run it (venv or pip), the outcome would be a harness error.
  it("refuses a requirements file with -e ., a URL or --find-links as the build's failure, running nothing", async () => {
    const venvs = new VenvCache(await tmp);
    const python = { executable: path.join(await tmp, "no-such-python"), version: "3.12.0" } as never;
    const wheels = { dir: path.join(await tmp, "wheels"), digest: "x", manifest: {} } as never;
    for (const line of ["-e .", "https://example.com/evil-1.0.tar.gz", "--find-links /tmp/evil"]) {
      const install = { packages: ["numpy"], requirements: [{ name: "requirements.txt", text: `numpy\n${line}\n` }], command: "pip install -r requirements.txt" };
      const outcome = await venvs.get({ python, wheels, install, deadline: Date.now() + 60_000 });
      expect(outcome).toMatchObject({ ok: false, error: expect.stringContaining(`\`${line}\` is not one (requirements.txt, line 2)`) as unknown });
    }
    await venvs.dispose();
  });
});
