import { describe, expect, it } from "vitest";
import { isSshUrl, parseSshUrl, sshUrl } from "./ssh-target.ts";

describe("ssh:// engine addresses", () => {
  it("reads user, host and port as DOCKER_HOST spells them, the grader's own user and port 22 by default", () => {
    expect(parseSshUrl("ssh://student@lab7.example.edu", "grader")).toEqual({ user: "student", host: "lab7.example.edu", port: 22 });
    expect(parseSshUrl("ssh://lab7.example.edu:2222", "grader")).toEqual({ user: "grader", host: "lab7.example.edu", port: 2222 });
    expect(parseSshUrl("ssh://ana@[::1]:2200/", "grader")).toEqual({ user: "ana", host: "::1", port: 2200 });
  });

  it("refuses what is not a plain ssh:// address, saying what it expected", () => {
    for (const bad of ["tcp://lab7:2375", "ssh://", "ssh://a:secret@lab7", "ssh://lab7/var/run/docker.sock", "lab7"]) {
      expect(() => parseSshUrl(bad, "grader"), bad).toThrow(/Expected an engine address like ssh:\/\/user@host/);
    }
  });

  it("writes the address back as the evidence names the engine", () => {
    expect(sshUrl({ user: "student", host: "lab7.example.edu", port: 22 })).toBe("ssh://student@lab7.example.edu");
    expect(sshUrl({ user: "ana", host: "::1", port: 2200 })).toBe("ssh://ana@[::1]:2200");
    expect(isSshUrl("ssh://x")).toBe(true);
    expect(isSshUrl("unix:///var/run/docker.sock")).toBe(false);
    expect(isSshUrl(undefined)).toBe(false);
  });
});
