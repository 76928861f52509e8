// The watch timeline on one engine of the matrix (default Docker 26.1 with the containerd store, whose BuildKit
// builds send no image event): `labgrade watch --json-lines` follows a throwaway engine while the handout's
// commands run with the real CLI (BuildKit through buildx), and the script prints, for each command, when it
// ended, which image events the engine sent, and when the checklist changed.
//   npx tsx scripts/engines/watch-timeline.ts [--engine 26.1] [--store containerd]
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { execa } from "execa";
import { startThrowawayEngine } from "../../testing/throwaway-engine.ts";
import { prepareWalk, WATCH_WALK } from "../../testing/watch/handout-walk.ts";
import { binDir, CACHE_DIR, daemonConfig, ENGINE_KINDS, kindName } from "./engine-kinds.ts";

const { values } = parseArgs({ options: { engine: { type: "string", default: "26.1" }, store: { type: "string", default: "containerd" } } });
const kind = ENGINE_KINDS.find((k) => k.version === values.engine && k.store === values.store);
if (!kind) throw new Error(`no engine ${values.engine} ${values.store} in the matrix`);
const BIN = path.resolve(import.meta.dirname, "../../bin/labgrade.js");
const engine = await startThrowawayEngine({ bridge: true, binDir: binDir(kind), daemonConfig: daemonConfig(kind) });
const app = await mkdtemp(path.join(os.tmpdir(), "labgrade-timeline-"));
const env = { ...process.env, DOCKER_HOST: `unix://${engine.socket}`, DOCKER_CONFIG: path.join(CACHE_DIR, "docker-config"), FORCE_COLOR: "0" };
const t0 = Date.now();
const at = () => ((Date.now() - t0) / 1000).toFixed(1).padStart(6);
const lines: string[] = [];
try {
  await prepareWalk(engine.docker, app);
  const events = execa("docker", ["events", "--filter", "type=image", "--format", "{{.Action}} {{.Actor.Attributes.name}}"], { env, buffer: false, reject: false });
  events.stdout?.on("data", (chunk: Buffer) => String(chunk).trim().split("\n").forEach((l) => lines.push(`${at()} s  engine event: image ${l}`)));
  const watch = execa("node", [BIN, "watch", app, "--json-lines"], { env, buffer: false, reject: false });
  let first: () => void = () => undefined;
  const started = new Promise<void>((resolve) => (first = resolve));
  let pending = "";
  watch.stdout?.on("data", (chunk: Buffer) => {
    pending += String(chunk);
    const parts = pending.split("\n");
    pending = parts.pop() ?? "";
    for (const part of parts) {
      const line = JSON.parse(part) as { changed: string[]; steps: Record<string, { status: string }> };
      const engineSteps = line.changed.filter((id) => !id.startsWith("pythonapp-") || id === "pythonapp-image");
      if (engineSteps.length) lines.push(`${at()} s  checklist: ${engineSteps.map((id) => `${id} ${line.steps[id]?.status}`).join(", ")}`);
      first();
    }
  });
  await started;
  for (const step of WATCH_WALK) {
    const result = await execa("docker", step.args, { env, cwd: step.inApp ? app : path.dirname(app), reject: false, input: "", timeout: 120_000 });
    lines.push(`${at()} s  $ docker ${step.args.join(" ")} (exit ${result.exitCode})`);
    await new Promise((resolve) => setTimeout(resolve, 4_000));
  }
  watch.kill("SIGINT");
  events.kill();
  await Promise.allSettled([watch, events]);
} finally {
  await engine.stop();
  await rm(app, { recursive: true, force: true });
}
process.stdout.write(`Watch timeline on ${kindName(kind)} (${lines.length} entries; every command is followed by 4 s of quiet):\n${lines.sort().join("\n")}\n`);
