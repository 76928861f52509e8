import { engineCheck } from "../../../testing/lab/lab-steps.ts";
import { describe, expect, it } from "vitest";
import { container, fullWalk, mycontainer, neverStarted, snapshot } from "../../../testing/lab/snapshot-builder.ts";

const RECREATE = "Recreate it: `docker rm mycontainer`, then `docker container create -i -t --name mycontainer hello-world`.";

describe("mycontainer-created", () => {
  it("passes on the handout's walk, started or not", () => {
    expect(engineCheck("mycontainer-created")(fullWalk())).toEqual({ status: "passed", message: "Found `mycontainer`, created from hello-world with -i and -t." });
    expect(engineCheck("mycontainer-created")(snapshot({ containers: [mycontainer({ ...neverStarted, image: "hello-world:latest" })] })).status).toBe("passed");
  });
  it("names a near miss made from hello-world and says how to rename it", () => {
    const result = engineCheck("mycontainer-created")(snapshot({ containers: [container({ name: "eager_hopper" }), mycontainer({ name: "my-container" })] }));
    expect(result).toEqual({
      status: "failed",
      message: "Expected a container named `mycontainer`; found `my-container` (created from hello-world).",
      hint: "Rename it: `docker rename my-container mycontainer`.",
    });
  });
  it("lists every near miss, and asks to create one when none is from hello-world", () => {
    const result = engineCheck("mycontainer-created")(snapshot({ containers: [mycontainer({ name: "MyContainer", image: "python" }), mycontainer({ name: "mycontianer", image: "ubuntu" })] }));
    expect(result.message).toBe("Expected a container named `mycontainer`; found `MyContainer` (created from python), `mycontianer` (created from ubuntu).");
    expect(result.hint).toBe("Create it: `docker container create -i -t --name mycontainer hello-world`.");
  });
  it("fails when there is nothing like it", () => {
    expect(engineCheck("mycontainer-created")(snapshot({ containers: [container()] }))).toMatchObject({ status: "failed", message: "Expected a container named `mycontainer`; found none." });
  });
  it.each([
    [{ interactive: false }, "-i"],
    [{ tty: false }, "-t"],
    [{ interactive: false, tty: false }, "-i and -t"],
  ])("says which flag is missing (%o)", (over, missing) => {
    const result = engineCheck("mycontainer-created")(snapshot({ containers: [mycontainer(over)] }));
    expect(result).toMatchObject({ status: "failed", message: `Expected \`mycontainer\` to be created with -i and -t; found it created without ${missing}.`, hint: RECREATE });
  });
  it("fails when it was made from another image", () => {
    const result = engineCheck("mycontainer-created")(snapshot({ containers: [mycontainer({ image: "ubuntu", status: "running", exitCode: null })] }));
    expect(result).toMatchObject({ status: "failed", message: "Expected `mycontainer` to be made from hello-world; found it made from `ubuntu`." });
    expect(result.hint).toContain("`docker rm -f mycontainer`");
  });
});
