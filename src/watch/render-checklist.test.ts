import { describe, expect, it } from "vitest";
import { DEFAULT_STEPS, type StepId, handoutLab } from "../../testing/lab/lab-steps.ts";
import { changedSteps } from "./json-line.ts";
import { judgeState } from "./judge-state.ts";
import { handoutWalk } from "../../testing/watch/replay.ts";
import { renderChecklist, truncate, wrap, type ChecklistFrame } from "./render-checklist.ts";
import { initialState, reduce, type WatchState } from "./watch-state.ts";

const walk = handoutWalk();
const upTo = (n: number) => walk.commands.slice(0, n + 1).flatMap((c) => c.events).reduce(reduce, initialState());
const frame = (state: WatchState, over: Partial<ChecklistFrame> = {}): ChecklistFrame => ({ folder: "/home/ada/lab", view: judgeState(state, handoutLab, DEFAULT_STEPS), state, lastChange: null, now: new Date("2026-11-28T10:00:00.000Z"), width: 100, height: 40, color: false, ...over });

describe("renderChecklist", () => {
  it("has a line per step (mark, points, title, verdict) and the score", () => {
    const lines = renderChecklist(frame(upTo(1), { width: 140 }));
    const rows = lines.filter((l) => /^\[.\] /.test(l));
    expect(rows).toHaveLength(DEFAULT_STEPS.length);
    expect(rows[0]).toMatch(/^\[✓\] 10\/10 {2}The Docker client and an engine answer — Docker engine /);
    expect(rows[1]).toMatch(/^\[✓\] 10\/10 {2}hello-world ran and printed its greeting — Found container `\w+`/);
    expect(rows[2]).toBe("[✗]  0/10  mycontainer was created from hello-world with -i -t — Expected a container named `mycontainer`; found none.");
    expect(lines[0]).toBe("labgrade watch · /home/ada/lab");
    expect(lines[1]).toMatch(/^Engine: answering at unix:\/\/\/run\/lgtw-/);
    expect(lines).toContain("Score: 20/100");
    expect(lines.at(-1)).toBe("Ctrl-C to stop. Watching only reads your engine and your folder; it changes neither.");
  });

  it("shows in full what to do about the step the last command changed, rather than the first open one", () => {
    const before = upTo(1);
    const after = upTo(2); // docker container create -i -t --name my-container hello-world
    const changed = changedSteps(judgeState(before, handoutLab, DEFAULT_STEPS), judgeState(after, handoutLab, DEFAULT_STEPS));
    expect(changed).toEqual(["mycontainer-created", "mycontainer-started", "hello-world-removed"]);
    const lines = renderChecklist(frame(after, { width: 200, lastChange: { at: after.lastEvent!.at, changed, cause: after.lastEvent!.text } }));
    const next = lines.indexOf("Next: mycontainer was created from hello-world with -i -t");
    expect(next).toBeGreaterThan(0);
    expect(lines.slice(next + 1, next + 3)).toEqual(["  Expected a container named `mycontainer`; found `my-container` (created from hello-world).", "  → Rename it: `docker rename my-container mycontainer`."]);
    expect(lines.find((l) => l.startsWith("Last change "))).toMatch(/^Last change \d\d:\d\d:\d\d: mycontainer-created failed, mycontainer-started failed, hello-world-removed failed \(after container create my-container \(hello-world\)\)$/);
    // Without a change to act on, the first open step in the handout's order.
    expect(renderChecklist(frame(after))).toContain("Next: mycontainer was created from hello-world with -i -t");
    expect(renderChecklist(frame(upTo(0)))).toContain("Next: hello-world ran and printed its greeting");
  });

  it("fits every line in the terminal's width and height", () => {
    const lines = renderChecklist(frame(upTo(2), { width: 40, height: 12 }));
    expect(lines).toHaveLength(12);
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(40);
    expect(lines[4]).toBe("[✓] 10/10  The Docker client and an eng…");
  });

  it("says when the engine does not answer, and that the steps are as last seen", () => {
    const lost = reduce(upTo(3), { kind: "engine-lost", at: "2026-11-28T10:00:00.000Z", problem: "nothing listens there", retryInMs: 2000 });
    const lines = renderChecklist(frame(lost, { width: 200 }));
    expect(lines[1]).toMatch(/^Engine: not answering since \d\d:\d\d:\d\d \(nothing listens there\); retrying in 2 s\. The engine steps below are as last seen\.$/);
    // Redrawn each second: the wait counts down.
    expect(renderChecklist(frame(lost, { width: 200, now: new Date("2026-11-28T10:00:01.200Z") }))[1]).toContain("; retrying in 1 s.");
    expect(renderChecklist(frame(lost, { width: 200, now: new Date("2026-11-28T10:00:02.500Z") }))[1]).toContain("; retrying now.");
  });

  it("shows a student's control characters as \\x1b, never sends them to the terminal", () => {
    const state = upTo(2);
    const view = judgeState(state, handoutLab, DEFAULT_STEPS);
    const hostile = { ...view, steps: view.steps.map((s) => (s.id === ("mycontainer-created" as StepId) ? { ...s, message: "found `\x1b]0;pwned\x07`", hint: "run \x1b[2J" } : s)) };
    const out = renderChecklist({ ...frame(state), view: hostile, lastChange: { at: "2026-11-28T10:00:00.000Z", changed: ["mycontainer-created"], cause: "container create \x1b[31mx" } }).join("\n");
    expect(out).not.toContain("\x1b");
    expect(out).toContain("found `\\x1b]0;pwned\\x07`");
    expect(out).toContain("→ run \\x1b[2J");
    expect(out).toContain("(after container create \\x1b[31mx)");
  });

  it("colours the mark only, and dims steps judged from what was true before", () => {
    const lost = reduce(upTo(1), { kind: "engine-lost", at: "2026-11-28T10:00:00.000Z", problem: "no socket there", retryInMs: 250 });
    const lines = renderChecklist(frame(lost, { color: true }));
    expect(lines.find((l) => l.includes("hello-world ran"))!.startsWith("\x1b[2m[✓] 10/10 ")).toBe(true);
    const live = renderChecklist(frame(upTo(1), { color: true }));
    expect(live.find((l) => l.includes("hello-world ran"))!.startsWith("\x1b[32m[✓]\x1b[39m 10/10 ")).toBe(true);
  });

  it("congratulates when every step passed", () => {
    const state = upTo(1);
    const view = judgeState(state, handoutLab, DEFAULT_STEPS);
    const all = { ...view, steps: view.steps.map((s) => ({ ...s, status: "passed" as const })) };
    expect(renderChecklist({ ...frame(state), view: all })).toContain("Every step passed. Well done.");
  });
});

describe("truncate and wrap", () => {
  it("cut by characters, not bytes, and wrap at spaces", () => {
    expect(truncate("héllo wörld", 6)).toBe("héllo…");
    expect(truncate("short", 10)).toBe("short");
    expect(wrap("Expected a container named `mycontainer`; found none.", 20)).toEqual(["Expected a container", "named `mycontainer`;", "found none."]);
  });
});
