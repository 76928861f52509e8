import { describe, expect, it } from "vitest";
import { container, image, snapshot } from "../../testing/lab/snapshot-builder.ts";
import { checkImage } from "./image.ts";

// `docker tag tagapp:1.0 tagapp:scratch`, a container run from it, then `docker image rm tagapp:scratch`.
const scratchRemoved = snapshot({
  images: [image(["tagapp:1.0", "tagapp:latest"], { id: "sha256:tagapp" })],
  containers: [container({ name: "scratchpad", image: "tagapp:scratch", imageId: "sha256:tagapp" })],
});

describe("image with a tag written (`name:tag`): that tag exactly", () => {
  it("passes a removed tag while other tags of its repository stay", () => {
    expect(checkImage(scratchRemoved, { tag: "tagapp:scratch", present: false }, {}).status).toBe("passed");
    expect(checkImage(scratchRemoved, { tag: "tagapp:scratch", present: false, used: true }, {})).toEqual({
      status: "passed",
      message: "Found no image tagged tagapp:scratch, and a container made from it (`scratchpad`): it was used, then removed.",
    });
  });
  it("fails a removal while that very tag is left, naming it alone", () => {
    const left = snapshot({ images: [image(["tagapp:1.0", "tagapp:scratch"])] });
    expect(checkImage(left, { tag: "tagapp:scratch", present: false }, {})).toMatchObject({ status: "failed", message: "Expected no image tagged tagapp:scratch; found tagapp:scratch." });
  });
  it("does not count a container of another tag as using it", () => {
    const other = snapshot({ images: [], containers: [container({ name: "web", image: "tagapp:1.0" })] });
    expect(checkImage(other, { tag: "tagapp:scratch", present: false, used: true }, {}).status).toBe("failed");
  });
  it("reads an untagged reference as :latest", () => {
    expect(checkImage(snapshot({ images: [image(["tagapp:latest"])] }), { tag: "tagapp:latest", present: false }, {}).status).toBe("failed");
    expect(checkImage(snapshot({ images: [image(["tagapp:1.0"])] }), { tag: "tagapp:latest", present: false }, {}).status).toBe("passed");
    expect(checkImage(snapshot({ images: [image(["tagapp:latest"])] }), { tag: "tagapp:latest" }, {}).status).toBe("passed");
  });
  it("passes a present tag only when that tag is there", () => {
    expect(checkImage(scratchRemoved, { tag: "tagapp:1.0" }, {}).status).toBe("passed");
    expect(checkImage(scratchRemoved, { tag: "tagapp:2.0" }, {}).status).toBe("failed");
  });
});

describe("image with a repository alone (`name`): any tag of it", () => {
  it("fails a removal while any tag of the repository is left, and passes once none is", () => {
    expect(checkImage(scratchRemoved, { tag: "tagapp", present: false }, {})).toMatchObject({ status: "failed", message: "Expected no image tagged tagapp; found tagapp:1.0, tagapp:latest." });
    expect(checkImage(snapshot({ images: [image(["python:3.12"])] }), { tag: "python", present: false }, {}).status).toBe("failed");
    expect(checkImage(snapshot({ images: [image(["pythonapp:latest"])] }), { tag: "python", present: false }, {}).status).toBe("passed");
  });
  it("passes a present repository under any tag", () => {
    expect(checkImage(snapshot({ images: [image(["pythonapp:v2"])] }), { tag: "pythonapp" }, {}).status).toBe("passed");
  });
  it("counts a container of any of its tags as using it", () => {
    const used = snapshot({ containers: [container({ name: "greeter", image: "hello-world:linux" })] });
    expect(checkImage(used, { tag: "hello-world", present: false, used: true }, {}).status).toBe("passed");
  });
});
