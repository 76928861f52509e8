import { describe, expect, it } from "vitest";
import { compareEngines, type EngineIdentity } from "./testcontainers-pin.ts";

const graded: EngineIdentity = { url: "unix:///run/lg/docker.sock", id: "AAAA:BBBB", rootDir: "/tmp/lg/data", version: "26.1.5", name: "laptop" };

describe("compareEngines", () => {
  it("accepts the same engine reached by another address", () => {
    expect(compareEngines(graded, { ...graded, url: "unix:///var/run/docker.sock" })).toMatchObject({ same: true });
  });

  it("tells apart two engines of one machine that share the id (Docker before 23 reads it from /etc/docker/key.json)", () => {
    const other = { ...graded, url: "unix:///var/run/docker.sock", rootDir: "/var/lib/docker", version: "20.10.24" };
    const outcome = compareEngines(graded, other);
    expect(outcome.same).toBe(false);
    if (outcome.same) return;
    expect(outcome.message).toContain("unix:///run/lg/docker.sock (Docker 26.1.5");
    expect(outcome.message).toContain("unix:///var/run/docker.sock (Docker 20.10.24");
    expect(outcome.message).toContain("The app was not run.");
    expect(outcome.hint).toMatch(/DOCKER_HOST/);
  });

  it("never takes two unknown ids for one engine", () => {
    expect(compareEngines({ ...graded, id: "" }, { ...graded, id: "" }).same).toBe(false);
  });
});
