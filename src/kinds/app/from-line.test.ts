import { expect, it } from "vitest";
import { readDockerfileFacts } from "../../dockerfile/dockerfile-facts.ts";
import { finalFrom, refusedFrom } from "./from-line.ts";

it("follows stages back to the image the app is built on", () => {
  const facts = readDockerfileFacts("FROM python:3.12 AS base\nFROM base AS deps\nFROM ubuntu AS other\nFROM DEPS\n");
  expect(finalFrom(facts)).toMatchObject({ image: "python:3.12", line: 1 });
  expect(finalFrom(readDockerfileFacts("RUN true\n"))).toBeNull();
});

it("finds the first FROM the engine refuses", () => {
  const facts = readDockerfileFacts("FROM python AS ok\nFROM Python\nFROM ${NOPE}\n");
  expect(refusedFrom(facts)).toMatchObject({ from: { line: 2 }, base: { kind: "invalid", reason: "invalid reference format: repository name must be lowercase" } });
  expect(refusedFrom(readDockerfileFacts("FROM python\n"))).toBeNull();
});
