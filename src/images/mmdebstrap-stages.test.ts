import { expect, it } from "vitest";
import { mmdebstrapStage } from "./mmdebstrap-stages.ts";

it("names mmdebstrap's phases and ignores other lines", () => {
  expect(mmdebstrapStage("I: downloading packages with apt...")).toEqual({ name: "downloading Debian packages", fraction: 0.15 });
  expect(mmdebstrapStage("I: running --customize-hook in shell: sh -c 'chroot ...'")?.fraction).toBe(0.75);
  expect(mmdebstrapStage("make-wheels: numpy-1.24.2-py3-none-any.whl")).toBeUndefined();
});
