import { describe, expect, it } from "vitest";
import { ownerPid } from "./build-cgroup.ts";
import { CgroupSlots } from "./cgroup-slots.ts";

describe("BuildKit's build cgroup names", () => {
  it("repeat from one build to the next, so that cached RUN steps (keyed on the cgroup parent) are reused", async () => {
    const slots = new CgroupSlots("t1");
    const first = await slots.with(async (slot) => slot.name);
    const second = await slots.with(async (slot) => slot.name);
    expect(second).toBe(first);
    expect(ownerPid(first)).toBe(process.pid);
  });

  it("differ between builds at once, each cgroup bounding one build alone", async () => {
    const slots = new CgroupSlots("t2");
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const names: string[] = [];
    const a = slots.with(async (slot) => (names.push(slot.name), held));
    const b = slots.with(async (slot) => (names.push(slot.name), held));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(new Set(names).size).toBe(2);
    release();
    await Promise.all([a, b]);
    expect(await slots.with(async (slot) => slot.name)).toBe(names[0]);
  });

  it("never give out again a name whose cgroup could not be removed", async () => {
    const slots = new CgroupSlots("t3");
    const stuck = await slots.with(async (slot) => (slot.retire(), slot.name));
    expect(await slots.with(async (slot) => slot.name)).not.toBe(stuck);
  });
});
