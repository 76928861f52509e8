import { describe, expect, it } from "vitest";
import { runCli } from "../../testing/run-cli.ts";

describe("labgrade doctor", () => {
  it("reports the engine missing and exits 1 when DOCKER_HOST points nowhere", async () => {
    const { exitCode, stdout } = await runCli(["doctor", "--json"], { DOCKER_HOST: "unix:///nonexistent/docker.sock" });
    expect(exitCode).toBe(1);
    const report = JSON.parse(stdout) as { ready: boolean; findings: Array<{ id: string; status: string; fix?: string }> };
    expect(report.ready).toBe(false);
    const engine = report.findings.find((f) => f.id === "engine");
    expect(engine?.status).toBe("problem");
    expect(engine?.fix).toMatch(/DOCKER_HOST/);
  });

  it("says ready on the live engine with the lab images in place", async () => {
    const { exitCode, stdout } = await runCli(["doctor"]);
    expect(stdout).toMatch(/Docker engine .* answers at/);
    expect(stdout).toContain("Ready to grade.");
    expect(exitCode).toBe(0);
  });
});
