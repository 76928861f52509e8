import { describe, expect, it } from "vitest";
import { isStale, type StaleContext } from "./stale.ts";

const ctx: StaleContext = { currentRun: "now-run", host: "lab1", now: new Date("2026-01-02T00:00:00Z"), isAlive: (pid) => pid === 42, maxAgeMs: 6 * 3600_000 };
const labels = (over: Record<string, string>) => ({ "org.labgrade.managed": "true", "org.labgrade.run": "old-run", "org.labgrade.host": "lab1", "org.labgrade.pid": "7", "org.labgrade.started": "2026-01-01T23:00:00Z", ...over });

describe("isStale", () => {
  it("never touches objects without labgrade's labels", () => {
    expect(isStale(undefined, ctx)).toBe(false);
    expect(isStale({ "com.example": "x" }, ctx)).toBe(false);
  });
  it("keeps the current run's objects", () => {
    expect(isStale(labels({ "org.labgrade.run": "now-run" }), ctx)).toBe(false);
  });
  it("removes a dead process's run on this host and keeps a live one's", () => {
    expect(isStale(labels({}), ctx)).toBe(true);
    expect(isStale(labels({ "org.labgrade.pid": "42" }), ctx)).toBe(false);
  });
  it("judges another host's run by its age", () => {
    expect(isStale(labels({ "org.labgrade.host": "lab2" }), ctx)).toBe(false);
    expect(isStale(labels({ "org.labgrade.host": "lab2", "org.labgrade.started": "2026-01-01T00:00:00Z" }), ctx)).toBe(true);
  });
});

it("removes an old run on this host even when its pid is alive again (reused after a reboot)", () => {
  expect(isStale(labels({ "org.labgrade.pid": "42", "org.labgrade.started": "2025-12-01T00:00:00Z" }), ctx)).toBe(true);
});

it("keeps a live run on this host that has been going for longer than the other-host bound (a long class)", () => {
  expect(isStale(labels({ "org.labgrade.pid": "42", "org.labgrade.started": "2026-01-01T12:00:00Z" }), ctx)).toBe(false);
});
