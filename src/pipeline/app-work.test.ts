import { describe, expect, it } from "vitest";
import type { Lab } from "../lab/lab.ts";
import { handoutLab } from "../../testing/lab/lab-steps.ts";
import { appWork } from "./app-work.ts";

const lab = (...steps: Array<{ expect: string; reads?: string[] }>) => ({ steps: steps.map((s, i) => ({ id: `s${i}`, reads: [], ...s })) }) as unknown as Pick<Lab, "steps">;

describe("appWork", () => {
  it("runs the app to its end only for a step that judges the run, and builds it only for one that judges the build", () => {
    expect(appWork(handoutLab)).toEqual({ build: true, run: true });
    expect(appWork(lab({ expect: "dockerfile" }, { expect: "build" }, { expect: "http" }))).toEqual({ build: true, run: false });
    expect(appWork(lab({ expect: "compose_file" }, { expect: "compose_up" }, { expect: "http" }))).toEqual({ build: false, run: false });
    expect(appWork(lab({ expect: "plot" }))).toEqual({ build: true, run: true });
    expect(appWork(lab({ expect: "check", reads: ["run"] }))).toEqual({ build: true, run: true });
    expect(appWork(lab({ expect: "check", reads: ["folder", "build"] }))).toEqual({ build: true, run: false });
  });
});
