import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { execa } from "execa";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { processIsAlive } from "../../lock/process-alive.ts";

const GUARD = fileURLToPath(new URL("./child-guard.mjs", import.meta.url));
let tmp: string;
beforeEach(async () => void (tmp = await mkdtemp(path.join(os.tmpdir(), "child-guard-test-"))));
afterEach(() => rm(tmp, { recursive: true, force: true }));

// A command that writes its pid, then sleeps for a minute.
const sleeper = (pidFile: string) => ["sh", "-c", `echo $$ > ${pidFile}; exec sleep 60`];
async function pidFrom(file: string): Promise<number> {
  for (let i = 0; i < 100; i++) {
    const text = await readFile(file, "utf8").catch(() => "");
    if (text.trim()) return Number(text);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no pid in ${file}`);
}
async function gone(pid: number, withinMs: number): Promise<boolean> {
  for (const end = Date.now() + withinMs; Date.now() < end; ) {
    if (!processIsAlive(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return !processIsAlive(pid);
}

describe("the child guard", () => {
  it.skipIf(process.platform === "win32")("ends the command when its parent is killed with SIGKILL", async () => {
    const pidFile = path.join(tmp, "pid");
    // The parent: a node process holding the guard's stdin open, as labgrade does, until it is killed.
    const parent = execa(process.execPath, ["-e", `require("child_process").spawn(process.execPath, ${JSON.stringify([GUARD, "60000", ...sleeper(pidFile)])}, { stdio: ["pipe", "inherit", "inherit"] }); setInterval(() => {}, 1000);`], { reject: false });
    const pid = await pidFrom(pidFile);
    expect(processIsAlive(pid)).toBe(true);
    parent.kill("SIGKILL");
    await parent;
    expect(await gone(pid, 5_000)).toBe(true);
  });

  it.skipIf(process.platform === "win32")("ends the command at its deadline, with 143, and passes its output and exit code through otherwise", async () => {
    const pidFile = path.join(tmp, "pid");
    const started = Date.now();
    const stopped = await execa(process.execPath, [GUARD, "300", ...sleeper(pidFile)], { reject: false });
    expect(stopped.exitCode).toBe(143);
    expect(Date.now() - started).toBeLessThan(5_000);
    const ran = await execa(process.execPath, [GUARD, "10000", "sh", "-c", "echo out; echo err >&2; exit 3"], { reject: false });
    expect([ran.exitCode, ran.stdout, ran.stderr]).toEqual([3, "out", "err"]);
  });
});
