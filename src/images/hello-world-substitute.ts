import { copyFile, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type Dockerode from "dockerode";
import { execa } from "execa";
import { followStream } from "../docker/follow.ts";
import { LABEL_SUBSTITUTE } from "../docker/labels.ts";
import { HarnessError } from "../errors.ts";
import type { Progress } from "../progress/progress.ts";

const OFFLINE = fileURLToPath(new URL("./offline/", import.meta.url));

// Builds hello-world's stand-in: FROM scratch around a static binary compiled from offline/hello.c.
export async function buildHelloWorldSubstitute(docker: Dockerode, tag: string, progress: Progress): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "labgrade-hello-"));
  try {
    progress.stage("compiling hello.c (static)", 0.2);
    await compileStatic(path.join(OFFLINE, "hello.c"), path.join(dir, "hello"));
    await copyFile(path.join(OFFLINE, "hello-world.Dockerfile"), path.join(dir, "Dockerfile"));
    progress.stage("building the image FROM scratch", 0.6);
    const stream = await docker.buildImage({ context: dir, src: ["Dockerfile", "hello"] }, { t: tag, labels: { [LABEL_SUBSTITUTE]: "offline" }, rm: true, forcerm: true });
    const outcome = await followStream(stream);
    if (outcome.error) throw new HarnessError("IMAGE_UNAVAILABLE", `Building the offline hello-world image failed: ${outcome.error}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function compileStatic(source: string, output: string): Promise<void> {
  for (const cc of ["gcc", "cc"]) {
    const result = await execa(cc, ["-static", "-Os", "-s", "-o", output, source], { reject: false, timeout: 120_000 });
    if (result.exitCode === 0) return;
    if (result.code !== "ENOENT") {
      throw new HarnessError("TOOL_MISSING", `Compiling the offline hello-world binary failed: ${result.stderr.trim() || result.message}`, "Install a C compiler with static libc: `apt-get install gcc libc6-dev`.");
    }
  }
  throw new HarnessError("TOOL_MISSING", "No C compiler (gcc or cc) was found to build the offline hello-world image.", "Install one (`apt-get install gcc libc6-dev`), or connect to the internet so labgrade can pull hello-world.");
}
