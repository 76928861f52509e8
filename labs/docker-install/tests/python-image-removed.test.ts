import { engineCheck } from "../../../testing/lab/lab-steps.ts";
import { describe, expect, it } from "vitest";
import { fullWalk, image, snapshot } from "../../../testing/lab/snapshot-builder.ts";

describe("python-image-removed", () => {
  it("passes when no tag names python, whatever keeps its layers", () => {
    const result = engineCheck("python-image-removed")(fullWalk());
    expect(result.status).toBe("passed");
    expect(result.message).toContain("checks tags, not image ids");
    expect(engineCheck("python-image-removed")(snapshot({ images: [image(["pythonapp:latest", "python3-tools:latest"])] })).status).toBe("passed");
  });
  it("fails while python is tagged, with the handout's command", () => {
    const result = engineCheck("python-image-removed")(snapshot({ images: [image(["python:latest"]), image(["pythonapp:latest"])] }));
    expect(result.status).toBe("failed");
    expect(result.message).toMatch(/^Expected no image tagged python; found python:latest\. .*not image ids\.$/);
    expect(result.hint).toBe("Remove it: `docker image rm python -f`.");
  });
  it("names every python tag", () => {
    const result = engineCheck("python-image-removed")(snapshot({ images: [image(["python:3.12", "docker.io/library/python:latest"])] }));
    expect(result.hint).toBe("Remove it: `docker image rm python:3.12 docker.io/library/python -f`.");
  });
});
