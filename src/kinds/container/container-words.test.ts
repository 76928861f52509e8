import { describe, expect, it } from "vitest";
import { containerDetails, describeState } from "./container-words.ts";
import { container, neverStarted } from "../../../testing/lab/snapshot-builder.ts";

describe("container words", () => {
  it("says how a container stands", () => {
    expect(describeState(container({ ...neverStarted }))).toBe("created but never started");
    expect(describeState(container({ ...neverStarted, exitCode: 127 }))).toBe("created, but its start failed with code 127");
    expect(describeState(container({ exitCode: 3 }))).toBe("exited with code 3");
    expect(describeState(container({ status: "running", exitCode: null }))).toBe("still running");
    expect(describeState(container({ status: "paused", exitCode: null }))).toBe("paused");
  });
  it("gives the grader the container's facts", () => {
    expect(containerDetails(container({ name: "x", logs: "hi", logsTruncated: true }))).toBe('x: image hello-world (sha256:hello), command ["/hello"], exited, exit 0, logs (truncated) "hi"');
  });
});
