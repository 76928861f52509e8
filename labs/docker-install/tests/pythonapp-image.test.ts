import { engineCheck } from "../../../testing/lab/lab-steps.ts";
import { describe, expect, it } from "vitest";
import { fullWalk, image, snapshot } from "../../../testing/lab/snapshot-builder.ts";

describe("pythonapp-image", () => {
  it("passes with pythonapp under any tag", () => {
    expect(engineCheck("pythonapp-image")(fullWalk())).toEqual({ status: "passed", message: "Found an image tagged pythonapp:latest." });
    expect(engineCheck("pythonapp-image")(snapshot({ images: [image(["pythonapp:v2"])] })).status).toBe("passed");
  });
  it.each([["python-app:latest", "python-app"], ["python_app:v1", "python_app:v1"], ["pythonap:latest", "pythonap"], ["student/pythonapp:latest", "student/pythonapp"]])("names the near miss %s and how to tag it", (tag, ref) => {
    const result = engineCheck("pythonapp-image")(snapshot({ images: [image(["python:latest"]), image([tag])] }));
    expect(result).toEqual({ status: "failed", message: `Expected an image tagged \`pythonapp\`; found \`${tag}\`.`, hint: `Tag it: \`docker tag ${ref} pythonapp\`.` });
  });
  it("fails with the build command when nothing looks like it", () => {
    expect(engineCheck("pythonapp-image")(snapshot({ images: [image(["python:latest"]), image([])] }))).toEqual({
      status: "failed",
      message: "Expected an image tagged `pythonapp`; found none.",
      hint: "Build it in the app's folder: `docker build -t pythonapp .`.",
    });
  });
});
