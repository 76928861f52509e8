import { engineCheck } from "../../../testing/lab/lab-steps.ts";
import { describe, expect, it } from "vitest";
import { container, fullWalk, mycontainer, neverStarted, snapshot } from "../../../testing/lab/snapshot-builder.ts";

describe("hello-world-ran", () => {
  it("passes on the handout's walk", () => {
    expect(engineCheck("hello-world-ran")(fullWalk())).toEqual({ status: "passed", message: 'Found container `eager_hopper`, made from hello-world: it exited 0 and printed "Hello from Docker!".' });
  });
  it("accepts any spelling of hello-world, and a good run among bad ones", () => {
    const result = engineCheck("hello-world-ran")(snapshot({ containers: [container({ exitCode: 1 }), container({ name: "ok", image: "docker.io/library/hello-world:latest" })] }));
    expect(result).toMatchObject({ status: "passed", message: expect.stringContaining("`ok`") });
  });
  it("fails when no hello-world container is left, and explains --rm", () => {
    const result = engineCheck("hello-world-ran")(snapshot({ containers: [container({ name: "db", image: "postgres" })] }));
    expect(result).toMatchObject({ status: "failed", message: "Expected an exited container made from `hello-world`; found none." });
    expect(result.hint).toContain("`docker run hello-world`");
    expect(result.hint).toContain("`--rm`");
  });
  it("does not count mycontainer, and says so", () => {
    const result = engineCheck("hello-world-ran")(snapshot({ containers: [mycontainer()] }));
    expect(result).toMatchObject({ status: "failed", message: "Expected an exited container made from `hello-world`; found none besides `mycontainer`, which is graded in its own steps." });
  });
  it("fails on a run that exited non-zero", () => {
    const result = engineCheck("hello-world-ran")(snapshot({ containers: [container({ name: "sad", exitCode: 139, logs: "" })] }));
    expect(result).toMatchObject({ status: "failed", message: "Expected a hello-world container that exited with code 0; found `sad`, which exited with code 139." });
    expect(result.hint).toContain("`docker logs sad`");
    expect(result.details).toContain("sad: image hello-world");
  });
  it("fails on a run without the greeting", () => {
    const result = engineCheck("hello-world-ran")(snapshot({ containers: [container({ name: "quiet", logs: "Hi\n" })] }));
    expect(result).toMatchObject({ status: "failed", message: 'Expected a hello-world container whose output holds "Hello from Docker!"; found `quiet`, which exited 0 without it.' });
    const cut = engineCheck("hello-world-ran")(snapshot({ containers: [container({ name: "long", logs: "x".repeat(10), logsTruncated: true })] }));
    expect(cut.message).toContain("without it in the part of its output labgrade kept.");
  });
  it("fails on a container that was created but never started", () => {
    const result = engineCheck("hello-world-ran")(snapshot({ containers: [container({ name: "idle", ...neverStarted })] }));
    expect(result).toMatchObject({ status: "failed", message: "Expected a hello-world container that ran and exited; found `idle` (created but never started)." });
    expect(result.hint).toContain("`docker start -a idle`");
  });
});
