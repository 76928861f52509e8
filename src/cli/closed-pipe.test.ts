import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const BIN = fileURLToPath(new URL("../../bin/labgrade.js", import.meta.url));

describe("a closed output pipe", () => {
  it("drops the rest of the output and finishes the command: no unhandled EPIPE (`labgrade lab check … | head -1`)", async () => {
    const child = spawn(process.execPath, [BIN, "lab", "check", "docker-compose"], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    // The reader takes the first line and goes away, as head does.
    child.stdout.once("data", () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(stderr).not.toMatch(/EPIPE|Unhandled/);
    expect(code).toBe(0);
  }, 60_000);
});
