import { describe, expect, it } from "vitest";
import { classroomPrefix } from "./classroom-prefix.ts";

describe("classroomPrefix", () => {
  it("finds the assignment prefix every folder shares", () => {
    expect(classroomPrefix(["docker-lab-alice", "docker-lab-bob", "docker-lab-carol-w"])).toBe("docker-lab-");
  });
  it("cuts back to the last dash so shared first letters stay in the login", () => {
    expect(classroomPrefix(["lab1-alice", "lab1-alex"])).toBe("lab1-");
  });
  it("finds none for one folder, unrelated folders, or a folder that is only the prefix", () => {
    expect(classroomPrefix(["lab1-alice"])).toBeNull();
    expect(classroomPrefix(["alice", "bob"])).toBeNull();
    expect(classroomPrefix(["lab_alice", "lab_bob"])).toBeNull();
    expect(classroomPrefix(["lab1-", "lab1-bob"])).toBeNull();
    expect(classroomPrefix(["-alice", "-bob"])).toBeNull();
  });
});
