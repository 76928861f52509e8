import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { execa } from "execa";
import { afterAll, describe, expect, it } from "vitest";
import { removeRun } from "../docker/cleanup.ts";
import { newRun } from "../docker/labels.ts";
import { buildImage } from "../runners/build-image.ts";
import { testEngine } from "../../testing/engine.ts";
import { imageState } from "./image-state.ts";
import { PYTHON } from "./lab-images.ts";

const APP = `import numpy as np
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as pl
x = np.arange(10)
print("This is the squaring function")
print(x, x**2)
pl.plot(x, x**2)
pl.savefig("plot.png")
`;
const run = newRun();

async function buildAndRun(name: string, dockerfile: string) {
  const { docker } = await testEngine();
  // The substitute must behave like the real image with no network; the real image needs it for pip.
  const base = await imageState(docker, PYTHON.publicTag);
  const dir = await mkdtemp(path.join(os.tmpdir(), "labgrade-fidelity-"));
  try {
    await writeFile(path.join(dir, "app.py"), APP);
    await writeFile(path.join(dir, "Dockerfile"), dockerfile);
    const tag = `labgrade/test-${name}:${run.id}`;
    const build = await buildImage(docker, { context: dir, tag, labels: run.labels, networkMode: base.present && base.substitute ? "none" : "default", timeoutMs: 300_000 });
    expect(build.error).toBeUndefined();
    const app = await execa("docker", ["run", "--rm", "--network", "none", "--label", `org.labgrade.run=${run.id}`, tag], { reject: false, timeout: 120_000 });
    return { build, app };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe("the python image, like the real one", () => {
  afterAll(async () => void (await removeRun((await testEngine()).docker, run.id)));

  it("has no numpy until the Dockerfile installs it", async () => {
    const { build, app } = await buildAndRun("no-pip", 'FROM python\nWORKDIR /app\nCOPY . /app\nCMD ["python", "app.py"]\n');
    expect(build.ok).toBe(true);
    expect(app.exitCode).not.toBe(0);
    expect(app.stderr).toContain("ModuleNotFoundError: No module named 'numpy'");
  });

  it("installs numpy and matplotlib with pip, and the app then runs", async () => {
    const { build, app } = await buildAndRun("pip", 'FROM python\nWORKDIR /app\nCOPY . /app\nRUN pip install numpy matplotlib\nCMD ["python", "app.py"]\n');
    expect(build.ok).toBe(true);
    expect(build.log).toMatch(/Successfully installed .*matplotlib/);
    expect(app.exitCode).toBe(0);
    expect(app.stdout).toContain("This is the squaring function");
    expect(app.stdout).toContain("[ 0  1  4  9 16 25 36 49 64 81]");
  });
});
