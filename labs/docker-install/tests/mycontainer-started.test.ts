import { engineCheck } from "../../../testing/lab/lab-steps.ts";
import { describe, expect, it } from "vitest";
import { fullWalk, mycontainer, neverStarted, snapshot } from "../../../testing/lab/snapshot-builder.ts";

describe("mycontainer-started", () => {
  it("passes on the handout's walk", () => {
    expect(engineCheck("mycontainer-started")(fullWalk())).toEqual({ status: "passed", message: '`mycontainer` was started, exited 0 and printed "Hello from Docker!".' });
  });
  it("fails when it was never started, with the handout's start command", () => {
    expect(engineCheck("mycontainer-started")(snapshot({ containers: [mycontainer(neverStarted)] }))).toMatchObject({
      status: "failed",
      message: "Expected `mycontainer` to have been started; found it created but never started.",
      hint: "Start it: `docker container start --attach -i mycontainer`.",
    });
  });
  it("fails when there is no mycontainer, naming a near miss", () => {
    expect(engineCheck("mycontainer-started")(snapshot())).toMatchObject({ status: "failed", message: "Expected a container named `mycontainer` that was started; found no container of that name." });
    const result = engineCheck("mycontainer-started")(snapshot({ containers: [mycontainer({ name: "my_container" })] }));
    expect(result.message).toBe("Expected a container named `mycontainer` that was started; found `my_container` instead.");
    expect(result.hint).toContain("`docker rename my_container mycontainer`");
  });
  it("fails when it exited non-zero or is still running", () => {
    expect(engineCheck("mycontainer-started")(snapshot({ containers: [mycontainer({ exitCode: 1 })] })).message).toBe("Expected `mycontainer` to have run and exited with code 0; found it exited with code 1.");
    const running = engineCheck("mycontainer-started")(snapshot({ containers: [mycontainer({ image: "ubuntu", status: "running", exitCode: null })] }));
    expect(running.message).toBe("Expected `mycontainer` to have run and exited with code 0; found it still running.");
    expect(running.hint).toContain("`docker rm -f mycontainer`");
  });
  it("fails when its output lacks the greeting", () => {
    const silent = engineCheck("mycontainer-started")(snapshot({ containers: [mycontainer({ logs: "" })] }));
    expect(silent).toMatchObject({ status: "failed", message: "Expected `mycontainer`'s output to hold \"Hello from Docker!\"; found no output.", hint: "Start it again: `docker container start --attach -i mycontainer`." });
    const other = engineCheck("mycontainer-started")(snapshot({ containers: [mycontainer({ image: "busybox", logs: "hi\n" })] }));
    expect(other.message).toBe("Expected `mycontainer`'s output to hold \"Hello from Docker!\"; found other output (it was made from `busybox`, not hello-world).");
    expect(other.hint).toContain("Recreate it from hello-world");
  });
});
