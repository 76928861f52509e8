import { expect, it } from "vitest";
import { reconnectDelay } from "./backoff.ts";

it("doubles from a quarter second and never waits more than 5 s", () => {
  expect([0, 1, 2, 3, 4, 5, 6, 50].map((n) => reconnectDelay(n))).toEqual([250, 500, 1000, 2000, 4000, 5000, 5000, 5000]);
  expect(reconnectDelay(3, { baseMs: 10, maxMs: 50 })).toBe(50);
});
