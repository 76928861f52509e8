import { expect, it } from "vitest";
import { defaultConcurrency } from "./concurrency.ts";

const MIB = 1024 ** 2;

it("grades one submission per core when memory allows", () => {
  expect(defaultConcurrency(512 * MIB, 2, 24 * 1024 * MIB)).toBe(2);
  expect(defaultConcurrency(512 * MIB, 16, 64 * 1024 * MIB)).toBe(16);
});

it("holds back when the apps' memory limits would not fit, but grades at least one", () => {
  expect(defaultConcurrency(512 * MIB, 16, 4 * 1024 * MIB)).toBe(4);
  expect(defaultConcurrency(4096 * MIB, 8, 2 * 1024 * MIB)).toBe(1);
});
