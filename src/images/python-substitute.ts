import { createReadStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type Dockerode from "dockerode";
import { execa } from "execa";
import { followStream } from "../docker/follow.ts";
import { LABEL_SUBSTITUTE } from "../docker/labels.ts";
import { HarnessError } from "../errors.ts";
import type { Progress } from "../progress/progress.ts";
import { splitTag } from "./lab-images.ts";
import { mmdebstrapStage } from "./mmdebstrap-stages.ts";

const MAKE_WHEELS = fileURLToPath(new URL("./offline/make-wheels.py", import.meta.url));
const PACKAGES = ["python3", "python3-pip", "python-is-python3", "python3-numpy", "python3-matplotlib", "ca-certificates"];

export interface PythonSubstituteOptions {
  suite: string;
  mirror: string | undefined;
  timeoutMs: number;
}

// Builds python's stand-in from Debian's packages: mmdebstrap writes a root filesystem tar (numpy and
// matplotlib moved into a local wheel index by offline/make-wheels.py), and the engine imports it.
export async function buildPythonSubstitute(docker: Dockerode, tag: string, options: PythonSubstituteOptions, progress: Progress): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "labgrade-python-"));
  const tar = path.join(dir, "rootfs.tar");
  try {
    await runMmdebstrap(tar, options, progress);
    progress.stage("importing the root filesystem into the engine", 0.92);
    const { repo, tag: version } = splitTag(tag);
    const stream = await docker.importImage(createReadStream(tar), {
      repo,
      tag: version,
      changes: [
        "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        "ENV LANG=C.UTF-8",
        `LABEL ${LABEL_SUBSTITUTE}=offline`,
        'CMD ["python3"]',
      ],
    } as Parameters<Dockerode["importImage"]>[1]);
    const outcome = await followStream(stream);
    if (outcome.error) throw new HarnessError("IMAGE_UNAVAILABLE", `Importing the offline python image failed: ${outcome.error}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function runMmdebstrap(tar: string, options: PythonSubstituteOptions, progress: Progress): Promise<void> {
  const args = [
    "--variant=apt",
    `--include=${PACKAGES.join(",")}`,
    "--dpkgopt=path-exclude=/usr/share/doc/*",
    "--dpkgopt=path-exclude=/usr/share/man/*",
    "--dpkgopt=path-exclude=/usr/share/locale/*",
    `--customize-hook=copy-in ${MAKE_WHEELS} /tmp`,
    '--customize-hook=chroot "$1" python3 /tmp/make-wheels.py',
    '--customize-hook=rm -f "$1/tmp/make-wheels.py"; rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/*',
    options.suite,
    tar,
    ...(options.mirror ? [options.mirror] : []),
  ];
  const child = execa("mmdebstrap", args, { reject: false, timeout: options.timeoutMs, all: true, buffer: { all: true } });
  child.all?.setEncoding("utf8");
  let pending = "";
  child.all?.on("data", (chunk: string) => {
    pending += chunk;
    const lines = pending.split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) {
      const stage = mmdebstrapStage(line);
      if (stage) progress.stage(stage.name, stage.fraction);
    }
  });
  const result = await child;
  if (result.code === "ENOENT") {
    throw new HarnessError("TOOL_MISSING", "mmdebstrap is needed to build the python image offline, and it is not installed.", "Install it (`apt-get install mmdebstrap`), or connect to the internet so labgrade can pull python.");
  }
  if (result.exitCode !== 0) {
    const tail = String(result.all ?? "").split("\n").slice(-15).join("\n");
    throw new HarnessError(result.timedOut ? "TIMEOUT" : "IMAGE_UNAVAILABLE", `mmdebstrap failed${result.timedOut ? " (timed out)" : ""} while building the offline python image:\n${tail}`);
  }
}
