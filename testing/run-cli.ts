import { fileURLToPath } from "node:url";
import { execa } from "execa";

const BIN = fileURLToPath(new URL("../bin/labgrade.js", import.meta.url));

// Runs the labgrade command line as a user would, and returns what it printed and its exit code.
export async function runCli(args: string[], env: NodeJS.ProcessEnv = {}) {
  const result = await execa("node", [BIN, ...args], { env: { ...process.env, FORCE_COLOR: "0", ...env }, reject: false, timeout: 300_000 });
  return { exitCode: result.exitCode ?? -1, stdout: String(result.stdout), stderr: String(result.stderr) };
}
