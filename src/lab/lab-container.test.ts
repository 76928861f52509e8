import { describe, expect, it } from "vitest";
import { handoutLab } from "../../testing/lab/lab-steps.ts";
import { isLabContainer, wantsLogs } from "./lab-container.ts";
import type { LabMarks } from "./lab.ts";

describe("isLabContainer", () => {
  it("is a container the handout's commands make", () => {
    const is = (c: { name: string; image: string }) => isLabContainer(handoutLab.marks, c);
    expect(is({ name: "mycontainer", image: "hello-world" })).toBe(true);
    expect(is({ name: "my-container", image: "ubuntu" })).toBe(true);
    expect(is({ name: "zealous_albattani", image: "hello-world:latest" })).toBe(true);
    expect(is({ name: "vibrant_x", image: "pythonapp" })).toBe(true);
    expect(is({ name: "course-db", image: "postgres:16" })).toBe(false);
  });
  it("knows a compose service a lab names by its label", () => {
    const marks: LabMarks = { containerNames: [], containerImages: [], services: ["web"], logsOf: { names: [], images: [] }, removedImages: [] };
    expect(isLabContainer(marks, { name: "lab-web-1", image: "lab-web", labels: { "com.docker.compose.service": "web" } })).toBe(true);
    expect(isLabContainer(marks, { name: "lab-db-1", image: "python", labels: { "com.docker.compose.service": "db" } })).toBe(false);
  });
});

describe("wantsLogs", () => {
  it("reads the output of the containers a step reads it of, by name (and near misses) or image", () => {
    const wants = (c: { name: string; image: string }) => wantsLogs(handoutLab.marks, c);
    expect(wants({ name: "mycontainer", image: "ubuntu" })).toBe(true);
    expect(wants({ name: "mycontainr", image: "ubuntu" })).toBe(true);
    expect(wants({ name: "x", image: "hello-world:latest" })).toBe(true);
    expect(wants({ name: "x", image: "pythonapp" })).toBe(false);
  });
});
