import { engineCheck } from "../../../testing/lab/lab-steps.ts";
import { describe, expect, it } from "vitest";
import { snapshot } from "../../../testing/lab/snapshot-builder.ts";

describe("docker-engine", () => {
  it("passes when an engine answered, recording both versions", () => {
    expect(engineCheck("docker-engine")(snapshot())).toEqual({
      status: "passed",
      message: "Docker engine 28.2.2 (API 1.50, Docker Desktop, linux/amd64) answered at unix:///var/run/docker.sock; docker client 28.2.2.",
    });
  });
  it("passes without a docker client, and says so", () => {
    const result = engineCheck("docker-engine")(snapshot({ client: { version: null } }));
    expect(result.status).toBe("passed");
    expect(result.message).toContain("no docker client found on PATH");
  });
  it("fails with a hint to start Docker when no engine answered", () => {
    const result = engineCheck("docker-engine")(snapshot({ engine: null, endpoint: null }));
    expect(result).toMatchObject({ status: "failed", message: "Expected a Docker engine to answer; found none (docker client 28.2.2)." });
    expect(result.hint).toContain("Start Docker Desktop");
    expect(result.hint).toContain("systemctl start docker");
  });
});
