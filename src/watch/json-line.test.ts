import { describe, expect, it } from "vitest";
import { DEFAULT_STEPS, handoutLab } from "../../testing/lab/lab-steps.ts";
import { changedSteps, watchLine, worthShowing } from "./json-line.ts";
import { judgeState, type WatchView } from "./judge-state.ts";
import { handoutWalk } from "../../testing/watch/replay.ts";
import { initialState, reduce } from "./watch-state.ts";

const walk = handoutWalk();
const start = walk.commands[0]!.events.reduce(reduce, initialState());
const afterRun = walk.commands[1]!.events.reduce(reduce, start);

describe("watchLine", () => {
  it("is {at, changed, steps: {id: {status, points, message, hint?}}, score, max} plus the engine's and the app's state", () => {
    const before = judgeState(start, handoutLab, DEFAULT_STEPS);
    const after = judgeState(afterRun, handoutLab, DEFAULT_STEPS);
    const line = JSON.parse(JSON.stringify(watchLine(after, changedSteps(before, after), new Date("2026-11-28T10:00:00Z"))));
    expect(Object.keys(line)).toEqual(["at", "changed", "steps", "score", "max", "engine", "app"]);
    expect(line.at).toBe("2026-11-28T10:00:00.000Z");
    expect(line.changed).toEqual(["hello-world-ran", "hello-world-removed"]);
    expect(Object.keys(line.steps)).toEqual(DEFAULT_STEPS.map((s) => s.id));
    expect(line.steps["hello-world-ran"]).toEqual({ status: "passed", points: 10, message: expect.stringMatching(/^Found container `\w+`, made from hello-world: it exited 0/) });
    expect(line.steps["pythonapp-image"]).toEqual({ status: "failed", points: 0, message: "Expected an image tagged `pythonapp`; found none.", hint: "Build it in the app's folder: `docker build -t pythonapp .`." });
    expect(line).toMatchObject({ score: 20, max: 100, engine: "answering", app: "judged" });
  });

  it("shows control characters in student text as \\x1b, so a terminal that prints the line is not repainted", () => {
    const view = judgeState(afterRun, handoutLab, DEFAULT_STEPS);
    const hostile: WatchView = { ...view, steps: view.steps.map((s) => (s.id === "mycontainer-created" ? { ...s, message: "found `my\x1b[2Jcontainer`\u202e" } : s)) };
    const line = JSON.stringify(watchLine(hostile, [], new Date()));
    expect(line).toContain("found `my\\\\x1b[2Jcontainer`\\\\u202e");
    expect(line).not.toMatch(/\\u001b/);
  });
});

describe("changedSteps and worthShowing", () => {
  it("lists every step the first time, then only the ones whose verdict changed", () => {
    const view = judgeState(start, handoutLab, DEFAULT_STEPS);
    expect(changedSteps(null, view)).toHaveLength(DEFAULT_STEPS.length);
    expect(changedSteps(view, judgeState(start, handoutLab, DEFAULT_STEPS))).toEqual([]);
  });

  it("shows a change of the engine's link or the app's phase even when no step changed", () => {
    const view = judgeState(start, handoutLab, DEFAULT_STEPS);
    expect(worthShowing(view, view, [])).toBe(false);
    expect(worthShowing(view, { ...view, engine: "not answering" }, [])).toBe(true);
    expect(worthShowing(view, { ...view, app: "judging" }, [])).toBe(true);
  });
});
