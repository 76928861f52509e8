import { expect, it } from "vitest";
import { rewriteFromPython } from "./rewrite-from.ts";

it("rewrites FROM python with any tag, and nothing else", () => {
  const input = "FROM python\nFROM python:3.12-slim AS base\nfrom docker.io/library/python:latest\nFROM index.docker.io/library/python\nFROM pythonista\nFROM Python\nRUN echo FROM python\n";
  const { text, rewritten } = rewriteFromPython(input, "labgrade/lab-python:latest");
  expect(rewritten).toBe(4);
  expect(text).toBe("FROM labgrade/lab-python:latest\nFROM labgrade/lab-python:latest AS base\nfrom labgrade/lab-python:latest\nFROM labgrade/lab-python:latest\nFROM pythonista\nFROM Python\nRUN echo FROM python\n");
});
