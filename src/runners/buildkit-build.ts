import { fileURLToPath } from "node:url";
import type Dockerode from "dockerode";
import { execa } from "execa";
import { cancelled, HarnessError } from "../errors.ts";
import type { BuildRequest } from "./build-image.ts";
import type { BuildResult } from "./types.ts";
import { openBuildCgroup, type BuildCgroup } from "./build-cgroup.ts";
import { CgroupSlots, type CgroupSlot } from "./cgroup-slots.ts";

// The containerd image store emulates the classic build API (POST /build) slowly: the reference app took
// 55–97 s there against 10–15 s on overlay2. BuildKit is that store's own builder, but its API needs a gRPC
// session a Node client does not have; the docker CLI's buildx does, so a build there runs `docker buildx
// build` against the graded engine. The bounds stay labgrade's: the time (the CLI is stopped, which cancels
// the build), processes and memory (the build's cgroup is the RUN steps' parent: BuildKit has no memory or
// pids option of its own), no network for the offline base, labels on the image.

/** Where and how the CLI reaches the graded engine. */
export interface BuildkitClient {
  /** DOCKER_HOST for the CLI: the graded engine's address. */
  host: string;
  env: NodeJS.ProcessEnv;
}

// `slots` names the build's cgroup so that the cache keys of its RUN steps repeat (cgroup-slots.ts).
export async function buildWithBuildkit(docker: Dockerode, client: BuildkitClient, req: BuildRequest, slots: CgroupSlots = new CgroupSlots()): Promise<BuildResult> {
  return slots.with((slot) => buildInSlot(docker, client, req, slot));
}

async function buildInSlot(docker: Dockerode, client: BuildkitClient, req: BuildRequest, slot: CgroupSlot): Promise<BuildResult> {
  if (req.signal?.aborted) throw cancelled(req.signal);
  const started = Date.now();
  const cap = req.logCap ?? 64 * 1024;
  let cgroup: BuildCgroup | null = null;
  try {
    cgroup = req.limits?.pidsLimit !== undefined ? await openBuildCgroup(docker, req.limits.pidsLimit, undefined, req.limits.memoryBytes, slot.name) : null;
    const unbounded = cgroup?.unboundedReason ? { pidsUnbounded: `${cgroup.unboundedReason} (nor is its memory, with BuildKit)` } : {};
    const args = [
      "buildx", "build", "--progress=plain", `--network=${req.networkMode === "default" ? "default" : "none"}`,
      "--tag", req.tag, "--file", `${req.context}/${req.dockerfile ?? "Dockerfile"}`,
      ...Object.entries(req.labels).flatMap(([key, value]) => ["--label", `${key}=${value}`]),
      ...(cgroup?.cgroupParent ? ["--cgroup-parent", cgroup.cgroupParent] : []),
      req.context,
    ];
    // Through the guard, the CLI (and so the build) ends with labgrade, a kill -9 included, and at its own
    // deadline a little after labgrade's: the time bound holds with nobody left to enforce it.
    const result = await execa(process.execPath, [GUARD, String(req.timeoutMs + GUARD_GRACE_MS), "docker", ...args], {
      env: { ...client.env, DOCKER_HOST: client.host, BUILDX_NO_DEFAULT_ATTESTATIONS: "1" },
      reject: false,
      all: true,
      timeout: req.timeoutMs,
      ...(req.signal ? { cancelSignal: req.signal } : {}),
      // After the guard's own SIGKILL to the CLI (5 s after its SIGTERM).
      forceKillAfterDelay: 8_000,
    });
    const log = String(result.all ?? "").slice(-cap);
    if (req.signal?.aborted) throw cancelled(req.signal);
    if (result.timedOut) return { ok: false, log, timedOut: true, error: `The build did not finish within ${Math.round(req.timeoutMs / 1000)} s and was stopped.`, durationMs: Date.now() - started, ...unbounded };
    if (result.exitCode === 0) return { ok: true, log, durationMs: Date.now() - started, ...unbounded };
    if (!(await docker.ping().then(() => true, () => false))) {
      throw new HarnessError("ENGINE_FAILED", `The Docker engine stopped answering during the image build (${lastLine(log)}). This is not the student's fault: the build was not judged.`, "Check that the engine runs (`docker version`), then grade again.");
    }
    if (result.exitCode === undefined || /unknown command: docker buildx|is not a docker command|spawn docker ENOENT/.test(log)) {
      throw new HarnessError("TOOL_MISSING", `labgrade could not run \`docker buildx build\`: ${lastLine(log) || result.message}`, "Install the docker CLI's buildx plugin (Debian: `apt-get install docker-buildx`), or set LABGRADE_BUILDER=classic.");
    }
    // The Dockerfile is labgrade's copy in a temporary folder: the student knows it by its own name.
    return { ok: false, log, error: buildkitError(log).replaceAll(`${req.context}/`, ""), durationMs: Date.now() - started, ...unbounded };
  } finally {
    if (cgroup && !(await cgroup.remove(req.signal?.aborted ? 1_000 : 5_000))) slot.retire();
  }
}

// BuildKit's failure, as the student needs it: the step's own output and the Dockerfile excerpt it quotes,
// ending with the `ERROR: failed to solve: …` line (the Dockerfile's line is in "Dockerfile:N").
export function buildkitError(log: string): string {
  const lines = log.trimEnd().split("\n");
  const first = lines.findIndex((line) => /^------$/.test(line.trim()));
  const tail = first >= 0 ? lines.slice(first) : lines.slice(-12);
  const text = tail.join("\n").replace(/^#\d+ /gm, "").trim();
  return text || "the build failed without a message";
}

const GUARD = fileURLToPath(new URL("./guard/child-guard.mjs", import.meta.url));
const GUARD_GRACE_MS = 10_000;
const lastLine = (log: string) => log.trimEnd().split("\n").at(-1) ?? "";
