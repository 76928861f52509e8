import type Dockerode from "dockerode";
import { expect, it } from "vitest";
import type { Grader } from "../pipeline/grader.ts";
import { fakeGrader } from "../../testing/fake-grader.ts";
import { GraderSlot } from "./grader-slot.ts";

const noop = { build: async () => ({ ok: true, log: "", durationMs: 0 }) };
const runner = { run: async () => Promise.reject(new Error("unused")) };

function graders(engineFrom: number) {
  const opened: Array<Grader & { closed: number }> = [];
  const open = async () => {
    const closable = { ...fakeGrader(noop, runner), closed: 0 };
    const engine = opened.length >= engineFrom ? { docker: {} as Dockerode, endpoint: { url: "unix:///fake.sock", source: "test" } } : null;
    const grader = Object.assign(closable, { engine, close: async () => void closable.closed++ });
    opened.push(grader);
    return grader;
  };
  return { opened, open };
}

it("opens one grader and hands it to every caller", async () => {
  const { opened, open } = graders(0);
  const slot = new GraderSlot(open);
  const [a, b] = await Promise.all([slot.grader(), slot.withEngine()]);
  expect(a).toBe(b);
  expect(opened).toHaveLength(1);
  await slot.close();
  expect(opened[0]!.closed).toBe(1);
  await expect(slot.grader()).rejects.toThrow(/closed/);
});

it("replaces a grader opened while no engine answered, once the engine answers", async () => {
  const { opened, open } = graders(2);
  const slot = new GraderSlot(open);
  await expect(slot.withEngine()).rejects.toThrow(/No Docker engine answered/);
  const grader = await slot.withEngine();
  expect(grader.engine).not.toBeNull();
  expect(opened.map((g) => g.closed)).toEqual([1, 1, 0]);
});

it("replaces a stale grader once, however many callers saw it", async () => {
  const { opened, open } = graders(0);
  const slot = new GraderSlot(open);
  const stale = await slot.grader();
  await Promise.all([slot.replace(stale), slot.replace(stale)]);
  expect(await slot.grader()).not.toBe(stale);
  expect(opened).toHaveLength(2);
  expect(opened[0]!.closed).toBe(1);
});
