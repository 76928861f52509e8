import { getEventListeners } from "node:events";
import { describe, expect, it } from "vitest";
import { sleepUnlessAborted } from "./abortable-sleep.ts";

describe("sleepUnlessAborted", () => {
  it("leaves no abort listener on a signal many waits shared once they are over", async () => {
    const run = new AbortController();
    await Promise.all(Array.from({ length: 12 }, () => sleepUnlessAborted(1, run.signal)));
    expect(getEventListeners(run.signal, "abort")).toHaveLength(0);
  });
  it("ends early when the signal aborts, and at once when it already has", async () => {
    const run = new AbortController();
    const started = Date.now();
    const waiting = sleepUnlessAborted(60_000, run.signal);
    run.abort();
    await waiting;
    await sleepUnlessAborted(60_000, run.signal);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(getEventListeners(run.signal, "abort")).toHaveLength(0);
  });
});
