import { describe, expect, it } from "vitest";
import { rewriteFromPython } from "./rewrite-from.ts";

const PRIVATE = "labgrade/lab-python:latest";
const rewrite = (dockerfile: string) => rewriteFromPython(dockerfile, PRIVATE);

describe("rewriteFromPython", () => {
  it("rewrites FROM python with any tag, and nothing else", () => {
    const input = "FROM python\nFROM python:3.12-slim AS base\nfrom docker.io/library/python:latest\nFROM index.docker.io/library/python\nFROM pythonista\nFROM Python\nRUN echo FROM python\n";
    const { text, rewritten } = rewrite(input);
    expect(rewritten).toBe(4);
    expect(text).toBe("FROM labgrade/lab-python:latest\nFROM labgrade/lab-python:latest AS base\nfrom labgrade/lab-python:latest\nFROM labgrade/lab-python:latest\nFROM pythonista\nFROM Python\nRUN echo FROM python\n");
  });

  it("rewrites every spelling of the Hub's python, and no other registry's", () => {
    const digest = `sha256:${"a".repeat(64)}`;
    const input = ["FROM registry-1.docker.io/library/python:3.12", "FROM docker.io/python", "FROM library/python", `FROM python:3.12-slim@${digest}`, "FROM ghcr.io/x/python", "FROM localhost:5000/python", "FROM registry-1.docker.io/python", "FROM someone/python", ""].join("\n");
    const { text, rewritten } = rewrite(input);
    expect(rewritten).toBe(4);
    expect(text.split("\n").slice(0, 4)).toEqual(Array(4).fill(`FROM ${PRIVATE}`));
    expect(text.split("\n").slice(4)).toEqual(input.split("\n").slice(4));
  });

  it("resolves the ARGs before the first FROM, keeping --platform and AS", () => {
    for (const from of ["FROM python:${PY_VERSION}", "FROM python:$PY_VERSION", "FROM python:${PY_VERSION:-3.11}", 'FROM "python:${PY_VERSION}"']) {
      expect(rewrite(`ARG PY_VERSION=3.12\n${from}\nRUN pip install numpy matplotlib\n`).text).toBe(`ARG PY_VERSION=3.12\nFROM ${PRIVATE}\nRUN pip install numpy matplotlib\n`);
    }
    expect(rewrite("ARG BASE=python\nARG TAG=3.12-slim\nFROM --platform=linux/amd64 ${BASE}:${TAG} AS build\n").text).toBe(`ARG BASE=python\nARG TAG=3.12-slim\nFROM --platform=linux/amd64 ${PRIVATE} AS build\n`);
    expect(rewrite("ARG V\nFROM python:${V:-3.12}\n").rewritten).toBe(1);
  });

  it("leaves what the engine refuses, or does not build on python, as written", () => {
    for (const input of ["ARG PY_VERSION\nFROM python:${PY_VERSION}\n", "FROM scratch\nARG PY_VERSION=3.12\nFROM python:${PY_VERSION}\n", "FROM ubuntu AS python\nFROM python\n", "ARG B=ubuntu\nFROM $B\n"]) {
      expect(rewrite(input)).toEqual({ text: input, rewritten: 0 });
    }
  });

  it("keeps line numbers: CRLF files, and an image word continued over lines", () => {
    expect(rewrite("FROM python:3.12\r\nRUNN pip install numpy\r\n").text).toBe(`FROM ${PRIVATE}\r\nRUNN pip install numpy\r\n`);
    const continued = rewrite("FROM pyt\\\nhon AS b\nRUN true\n").text;
    expect(continued).toBe(`FROM ${PRIVATE} \\\n AS b\nRUN true\n`);
    expect(continued.split("\n")).toHaveLength(4);
  });
});
