import { describe, expect, it } from "vitest";
import { checkPythonImageRemoved } from "./python-image-removed.ts";
import { fullWalk, image, snapshot } from "../../../testing/lab/snapshot-builder.ts";

describe("checkPythonImageRemoved", () => {
  it("passes when no tag names python, whatever keeps its layers", () => {
    const result = checkPythonImageRemoved(fullWalk());
    expect(result.status).toBe("passed");
    expect(result.message).toContain("checks tags, not image ids");
    expect(checkPythonImageRemoved(snapshot({ images: [image(["pythonapp:latest", "python3-tools:latest"])] })).status).toBe("passed");
  });
  it("fails while python is tagged, with the handout's command", () => {
    const result = checkPythonImageRemoved(snapshot({ images: [image(["python:latest"]), image(["pythonapp:latest"])] }));
    expect(result.status).toBe("failed");
    expect(result.message).toMatch(/^Expected no image tagged python; found python:latest\. .*not image ids\.$/);
    expect(result.hint).toBe("Remove it: `docker image rm python -f`.");
  });
  it("names every python tag", () => {
    const result = checkPythonImageRemoved(snapshot({ images: [image(["python:3.12", "docker.io/library/python:latest"])] }));
    expect(result.hint).toBe("Remove it: `docker image rm python:3.12 docker.io/library/python -f`.");
  });
});
