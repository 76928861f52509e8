import { fileURLToPath } from "node:url";
import type Dockerode from "dockerode";
import { removeGrade } from "../docker/cleanup.ts";
import { assertSameEngine } from "../docker/testcontainers-pin.ts";
import { LABEL_GRADE } from "../docker/labels.ts";
import { cancelled, HarnessError } from "../errors.ts";
import type { AppRunner, AppRunRequest } from "./app-runner.ts";
import { CappedOutput } from "./capped-output.ts";
import { type Command, unwrapStderr, withDeadline, wrapperMissing } from "./deadline.ts";
import { diskMessage, watchDisk } from "./disk-watch.ts";
import { parseCaptures } from "./capture/parse-captures.ts";
import { readArchive } from "./read-archive.ts";
import { readWrittenFiles } from "./written-files.ts";
import { engineLimitsOf } from "./build-cgroup.ts";
import { unboundedRun, type EngineLimits } from "./run-bounds.ts";
import { SandboxedContainer } from "./sandboxed-container.ts";
import type { PlotCapture, RunResult } from "./types.ts";

const CAPTURE_SRC = fileURLToPath(new URL("./capture/", import.meta.url));
const CAPTURE_IN = "/opt/labgrade/capture";
const CAPTURE_OUT = "/tmp/labgrade-capture";
const MAX_CAPTURE_BYTES = 32 * 1024 * 1024;

// Runs the app with testcontainers, then reads its exit, output and plots with dockerode.
export class TestcontainersAppRunner implements AppRunner {
  private sameEngine: Promise<void> | undefined;

  constructor(private readonly docker: Dockerode) {}

  async run(req: AppRunRequest): Promise<RunResult> {
    // The app is built on the graded engine and must run there, never on an engine testcontainers fell back to.
    // Only a match is remembered: an engine that did not answer is asked again next time.
    await (this.sameEngine ??= assertSameEngine(this.docker).catch((error: unknown) => {
      this.sameEngine = undefined;
      throw error;
    }));
    const limits = await engineLimitsOf(this.docker).catch((error: unknown) => {
      throw new HarnessError("ENGINE_FAILED", `The engine did not say which limits it applies (docker info): ${(error as Error).message}`, undefined, { cause: error });
    });
    const config = (await this.docker.getImage(req.image).inspect()).Config;
    const command = { entrypoint: asList(config.Entrypoint), cmd: asList(config.Cmd) };
    // Nothing to run is the daemon's to say ("no command specified"), as `docker run` would.
    const nothing = command.entrypoint.length === 0 && command.cmd.length === 0;
    const wrapped = await this.runOnce(req, nothing ? null : withDeadline(command, req.sandbox.timeoutMs), limits);
    if (wrapped !== WRAPPER_MISSING) return wrapped;
    const plain = await this.runOnce(req, null, limits);
    if (plain === WRAPPER_MISSING) throw new HarnessError("ENGINE_FAILED", "The app's container could not be started.");
    return plain;
  }

  private async runOnce({ image, labels, sandbox, files, signal }: AppRunRequest, command: Command | null, limits: EngineLimits): Promise<RunResult | typeof WRAPPER_MISSING> {
    const started = Date.now();
    const definition = new SandboxedContainer(image, sandbox)
      .withLabels(labels)
      .withEnvironment({ MPLBACKEND: "module://labgrade_capture", PYTHONPATH: CAPTURE_IN, LABGRADE_CAPTURE_DIR: CAPTURE_OUT, PYTHONUNBUFFERED: "1", MPLCONFIGDIR: "/tmp/matplotlib" })
      .withCopyFilesToContainer(["labgrade_capture.py", "sitecustomize.py"].map((f) => ({ source: CAPTURE_SRC + f, target: `${CAPTURE_IN}/${f}` })));
    if (command) definition.withEntrypoint(command.entrypoint).withCommand(command.cmd);
    const output = new CappedOutput(sandbox.outputCapBytes);
    let outputDone: Promise<void> = Promise.resolve();
    definition.withCreatedHook(async (id) => {
      outputDone = (await this.attach(this.docker.getContainer(id), output)).ended;
    });
    let missing = false;
    const container = await definition.start().catch((error: unknown) => {
      if (command && wrapperMissing(String((error as Error)?.message))) {
        missing = true;
        return null;
      }
      const refused = startRefused(error);
      if (refused) return refused;
      throw new HarnessError("ENGINE_FAILED", `The engine could not start the app's container: ${(error as Error).message}`, undefined, { cause: error });
    });
    if (missing || container === null) {
      await this.removeLabelled(labels);
      return WRAPPER_MISSING;
    }
    if ("exitCode" in container) return { ...container, durationMs: Date.now() - started };
    const handle = this.docker.getContainer(container.getId());
    const disk = watchDisk(handle, sandbox.diskBytes);
    try {
      const timedOut = await this.waitForExit(handle, sandbox.timeoutMs, signal);
      disk.stop();
      const written = disk.exceeded();
      if (signal?.aborted) throw cancelled(signal);
      await Promise.race([outputDone, delay(5_000)]);
      const { State: state, HostConfig: held } = await handle.inspect();
      const unbounded = unboundedRun(limits, sandbox, { Memory: held.Memory, MemorySwap: held.MemorySwap, PidsLimit: held.PidsLimit, NanoCpus: held.NanoCpus });
      return {
        exitCode: timedOut ? null : state.ExitCode,
        timedOut,
        oomKilled: Boolean(state.OOMKilled),
        durationMs: Date.now() - started,
        stdout: output.text("stdout"),
        stderr: unwrapStderr(output.text("stderr"), timedOut ? null : state.ExitCode) + (written === null ? "" : diskMessage(written, sandbox.diskBytes)),
        droppedBytes: output.dropped,
        plots: await this.plots(container),
        ...(files?.length ? { files: await readWrittenFiles(files, (file) => container.copyArchiveFromContainer(file)) } : {}),
        ...(unbounded ? { unbounded } : {}),
      };
    } finally {
      disk.stop();
      await container.stop({ timeout: 0, remove: true, removeVolumes: true }).catch(() => {});
    }
  }

  // A container whose start failed stays created: remove it before trying again unwrapped.
  private async removeLabelled(labels: Record<string, string>): Promise<void> {
    const grade = labels[LABEL_GRADE];
    if (grade) await removeGrade(this.docker, grade, { images: false }).catch(() => undefined);
  }

  // Attaches to the created container's output before it starts; `ended` settles with the output.
  private async attach(handle: Dockerode.Container, output: CappedOutput): Promise<{ ended: Promise<void> }> {
    const stream = (await handle.attach({ stream: true, stdout: true, stderr: true })) as NodeJS.ReadableStream;
    this.docker.modem.demuxStream(stream, output.sink("stdout"), output.sink("stderr"));
    const ended = new Promise<void>((resolve) => {
      stream.on("end", resolve);
      stream.on("close", resolve);
      stream.on("error", () => resolve());
    });
    return { ended };
  }

  // true when the app outlived its time and was killed
  private async waitForExit(handle: Dockerode.Container, timeoutMs: number, signal: AbortSignal | undefined): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    let onAbort = () => {};
    const timeout = new Promise<"timeout">((resolve) => {
      timer = setTimeout(() => resolve("timeout"), timeoutMs);
      onAbort = () => resolve("timeout");
      if (signal?.aborted) onAbort();
      signal?.addEventListener("abort", onAbort, { once: true });
    });
    try {
      const outcome = await Promise.race([handle.wait(), timeout]);
      if (outcome !== "timeout") return false;
      await handle.kill().catch(() => {});
      await handle.wait().catch(() => {});
      return true;
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    }
  }

  private async plots(container: { copyArchiveFromContainer(path: string): Promise<NodeJS.ReadableStream> }): Promise<PlotCapture[]> {
    let files: Map<string, Buffer>;
    try {
      files = await readArchive(await container.copyArchiveFromContainer(CAPTURE_OUT), MAX_CAPTURE_BYTES);
    } catch {
      return []; // nothing was drawn: the folder does not exist
    }
    const json = files.get("captures.json");
    return json ? parseCaptures(json.toString("utf8"), (file) => files.get(file)?.toString("base64") ?? null) : [];
  }
}

// The daemon refuses to start a container whose command cannot run (`CMD ["pyhton", "app.py"]`): that is
// the student's app failing as `docker run` would, with the daemon's words as its error output.
function startRefused(error: unknown): RunResult | null {
  const message = String((error as Error)?.message ?? "");
  if (typeof (error as { statusCode?: unknown })?.statusCode !== "number") return null;
  if (!/OCI runtime|executable file not found|exec format error|no such file or directory|permission denied/i.test(message)) return null;
  return { exitCode: /permission denied|exec format/i.test(message) ? 126 : 127, timedOut: false, oomKilled: false, durationMs: 0, stdout: "", stderr: message, droppedBytes: 0, plots: [] };
}

const WRAPPER_MISSING = Symbol("the image has no timeout command");

const asList = (value: string[] | string | null | undefined): string[] => (Array.isArray(value) ? value : value ? [value] : []);

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
