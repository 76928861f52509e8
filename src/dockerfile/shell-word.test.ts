import { describe, expect, it } from "vitest";
import { expandWord, splitWords } from "./shell-word.ts";

const env = new Map([
  ["PY_VERSION", "3.12"],
  ["EMPTY", ""],
]);

describe("expandWord", () => {
  it.each([
    ["python:${PY_VERSION}", "python:3.12", []],
    ["python:$PY_VERSION", "python:3.12", []],
    ["python:${PY_VERSION:-3.11}", "python:3.12", []],
    ["python:${MISSING:-3.11}", "python:3.11", []],
    ["python:${EMPTY:-3.11}", "python:3.11", []],
    ["python${PY_VERSION:+:slim}", "python:slim", []],
    ["python${MISSING:+:slim}", "python", []],
    ["python:${MISSING}", "python:", ["MISSING"]],
    ["$EMPTY", "", ["EMPTY"]],
    ['"python":\'$PY_VERSION\'', "python:$PY_VERSION", []],
    ['"python:$PY_VERSION"', "python:3.12", []],
    ["python\\:3", "python:3", []],
    ["cost$", "cost$", []],
    ["python:${MISSING:-${PY_VERSION}}", "python:3.12", []],
  ])("expands %s", (word, value, unset) => {
    expect(expandWord(word, env)).toEqual({ value, unset });
  });

  it("uses the Dockerfile's escape character", () => {
    expect(expandWord("python`:3", env, "`")).toEqual({ value: "python:3", unset: [] });
  });

  it("reports what the engine refuses", () => {
    expect(expandWord("python:${PY_VERSION", env)).toEqual({ error: "syntax error: missing '}'" });
    expect(expandWord("${}", env)).toEqual({ error: "syntax error: bad substitution" });
    expect(expandWord("${MISSING?set it}", env)).toEqual({ error: "MISSING: set it" });
    expect(expandWord("${EMPTY:?}", env)).toEqual({ error: "EMPTY: is not allowed to be empty" });
    expect(expandWord("'python", env)).toEqual({ error: "unexpected end of statement while looking for matching single-quote" });
  });

  it("does not guess at forms engines read differently", () => {
    for (const word of ["${PY_VERSION%.*}", "${#PY_VERSION}", "${MISSING-3.11}", "$@"]) expect(expandWord(word, env)).toHaveProperty("unsupported");
  });
});

describe("splitWords", () => {
  it("splits at unquoted blanks and keeps quotes", () => {
    expect(splitWords('A=1 B="x y" C=\'p q\' D=a\\ b E')).toEqual(["A=1", 'B="x y"', "C='p q'", "D=a\\ b", "E"]);
  });
});
