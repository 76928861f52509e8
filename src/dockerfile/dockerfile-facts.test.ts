import { describe, expect, it } from "vitest";
import { commandScript, readDockerfileFacts } from "./dockerfile-facts.ts";
import { parseImageRef } from "./image-ref.ts";

const HANDOUT = 'FROM python\nWORKDIR /app\nCOPY . /app\nRUN pip install numpy matplotlib\nCMD ["python", "app.py"]\n';

describe("readDockerfileFacts", () => {
  it("reads the handout's Dockerfile", () => {
    expect(readDockerfileFacts(HANDOUT)).toEqual({
      from: [{ image: "python", base: { kind: "image", name: "python", ref: parseImageRef("python") }, stage: null, line: 1, span: { start: 5, end: 11 } }],
      args: [],
      runs: [{ command: "pip install numpy matplotlib", line: 4 }],
      copies: [{ instruction: "COPY", sources: ["."], destination: "/app", line: 3 }],
      expose: [],
      workdir: "/app",
      cmd: { form: "exec", args: ["python", "app.py"], line: 5 },
      entrypoint: null,
      problems: [],
    });
  });

  it("reads each EXPOSEd port with its line", () => {
    expect(readDockerfileFacts("FROM python\nEXPOSE 8000\nEXPOSE 53/udp 9000\n").expose).toEqual([{ port: "8000", line: 2 }, { port: "53/udp", line: 3 }, { port: "9000", line: 3 }]);
  });

  it("joins continuations, reads lowercase keywords, flags, stages and the last CMD", () => {
    const facts = readDockerfileFacts(
      "# a comment “quoted” is fine\nfrom python:3.12-slim AS base\nRUN pip install \\\n    numpy \\\n    matplotlib\nADD --chown=1000 ./src app.py /app/\nCOPY [\"req.txt\", \"/tmp/\"]\nCMD python app.py\nCMD python main.py\nENTRYPOINT [\"python\"]\n",
    );
    expect(facts.from).toEqual([{ image: "python:3.12-slim", base: { kind: "image", name: "python:3.12-slim", ref: parseImageRef("python:3.12-slim") }, stage: "base", line: 2, span: { start: 34, end: 50 } }]);
    expect(facts.runs).toEqual([{ command: "pip install numpy matplotlib", line: 3 }]);
    expect(facts.copies).toEqual([
      { instruction: "ADD", sources: ["./src", "app.py"], destination: "/app/", line: 6 },
      { instruction: "COPY", sources: ["req.txt"], destination: "/tmp/", line: 7 },
    ]);
    expect(facts.cmd).toEqual({ form: "shell", args: ["python", "main.py"], line: 9 });
    expect(facts.entrypoint).toEqual({ form: "exec", args: ["python"], line: 10 });
    expect(facts.workdir).toBeNull();
    expect(facts.problems).toEqual([]);
  });

  it("tells curly quotes, non-breaking spaces and a CMD that is not JSON", () => {
    const facts = readDockerfileFacts("FROM python\nCMD [“python”, “app.py”]\nRUN pip\u00a0install numpy\n");
    expect(facts.cmd).toEqual({ form: "shell", args: ["[“python”,", "“app.py”]"], line: 2 });
    expect(facts.problems).toEqual([
      'Line 2 has curly quotes “ ” (pasted from a document): retype them as straight quotes ".',
      "Line 3 has a non-breaking space (pasted from a document): retype it as a plain space.",
      'Line 2: CMD starts with [ but is not a JSON list of "double-quoted" strings, so Docker runs it as a shell command.',
    ]);
    expect(readDockerfileFacts("FROM python\nCMD ['python', 'app.py']\n").problems).toHaveLength(1);
  });

  it("tells unknown instructions and instructions missing their arguments", () => {
    const facts = readDockerfileFacts("*FROM python*\nFROM\nCOPY app.py\n");
    expect(facts.from).toEqual([]);
    expect(facts.copies).toEqual([]);
    expect(facts.problems).toEqual([
      "Line 1: `*FROM` is not a Dockerfile instruction.",
      "Line 2: FROM names no image.",
      "Line 3: COPY needs a source and a destination.",
    ]);
  });

  it("resolves FROM with the ARGs declared before the first FROM, and only those", () => {
    const facts = readDockerfileFacts(
      'ARG PY_VERSION=3.12 OWNER\nARG QUOTED="python:${PY_VERSION}" SPACED="a  b"\nFROM --platform=linux/amd64 python:${PY_VERSION} AS build\nARG LATE=3.11\nFROM $QUOTED\nFROM python:${LATE}\nFROM BUILD\nFROM scratch\nFROM ${OWNER}\nFROM Python\nFROM python:${PY_VERSION%.*}\n',
    );
    expect(facts.args).toEqual([
      { name: "PY_VERSION", default: "3.12", line: 1, beforeFrom: true },
      { name: "OWNER", default: null, line: 1, beforeFrom: true },
      { name: "QUOTED", default: '"python:${PY_VERSION}"', line: 2, beforeFrom: true },
      { name: "SPACED", default: '"a  b"', line: 2, beforeFrom: true },
      { name: "LATE", default: "3.11", line: 4, beforeFrom: false },
    ]);
    expect(facts.from.map((f) => [f.line, f.stage, f.base])).toEqual([
      [3, "build", { kind: "image", name: "python:3.12", ref: parseImageRef("python:3.12") }],
      [5, null, { kind: "image", name: "python:3.12", ref: parseImageRef("python:3.12") }],
      [6, null, { kind: "invalid", name: "python:", reason: "invalid reference format", unset: ["LATE"] }],
      [7, null, { kind: "stage", name: "BUILD", index: 0 }],
      [8, null, { kind: "scratch" }],
      [9, null, { kind: "invalid", name: "", reason: "base name (${OWNER}) should not be blank", unset: ["OWNER"] }],
      [10, null, { kind: "invalid", name: "Python", reason: "invalid reference format: repository name must be lowercase", unset: [] }],
      [11, null, { kind: "unexpanded", reason: "`${PY_VERSION%…}` is expanded differently by different engines" }],
    ]);
    expect(facts.from[0]?.image).toBe("python:${PY_VERSION}");
  });

  it("reads an empty file as no facts", () => {
    expect(readDockerfileFacts("")).toMatchObject({ from: [], runs: [], copies: [], cmd: null, entrypoint: null, problems: [] });
  });
});

describe("commandScript", () => {
  it("finds the .py the command runs", () => {
    expect(commandScript(readDockerfileFacts(HANDOUT))).toBe("app.py");
    expect(commandScript(readDockerfileFacts('ENTRYPOINT ["python"]\nCMD ["/app/src/main.py"]'))).toBe("/app/src/main.py");
    expect(commandScript(readDockerfileFacts('ENTRYPOINT python run.py\nCMD ["other.py"]'))).toBe("run.py");
    expect(commandScript(readDockerfileFacts("CMD python 'app.py'"))).toBe("app.py");
    expect(commandScript(readDockerfileFacts('CMD ["python"]'))).toBeNull();
  });
});
