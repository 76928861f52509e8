import { describe, expect, it } from "vitest";
import type { AppFolder } from "../../../src/evidence/app-folder.ts";
import { readDockerfileFacts } from "../../../src/dockerfile/dockerfile-facts.ts";
import { findPipInstalls, requirementsFiles } from "../../../src/dockerfile/pip-installs.ts";
import type { DockerfileFacts } from "../../../src/dockerfile/dockerfile-facts.ts";
import { explainMissingDockerfile as explain, isBaseImage } from "../../../src/kinds/app/dockerfile.ts";
import { appCheck } from "../../../testing/lab/lab-steps.ts";

const checkPythonappDockerfile = (app: AppFolder, facts: DockerfileFacts | null, requirements: string | null) => appCheck("pythonapp-dockerfile")({ app, facts, requirements });
const explainMissingDockerfile = (app: AppFolder) => explain(app, { handoutLines: null, script: "app.py" });
const isPythonImage = (image: string) => isBaseImage(image, "python");

const HANDOUT = 'FROM python\nWORKDIR /app\nCOPY . /app\nRUN pip install numpy matplotlib\nCMD ["python", "app.py"]\n';
const APP: AppFolder = { dir: "/s", dockerfile: { file: "Dockerfile", exact: true }, misses: [], candidates: [], files: ["Dockerfile", "app.py"], filesTruncated: false, pyFiles: ["app.py"], dockerignore: null, appScript: "app.py" };
const check = (dockerfile: string, app: Partial<AppFolder> = {}, requirements: string | null = null) => checkPythonappDockerfile({ ...APP, ...app }, readDockerfileFacts(dockerfile), requirements);

describe("checkPythonappDockerfile", () => {
  it("passes the handout's Dockerfile and its usual variants", () => {
    expect(check(HANDOUT)).toMatchObject({ status: "passed" });
    const variants = [
      'FROM python:3.12-slim\nWORKDIR /app\nCOPY app.py .\nRUN python -m pip install --no-cache-dir -U "numpy==1.26.4" matplotlib>=3\nENTRYPOINT ["python", "app.py"]',
      `FROM docker.io/library/python:3.12@sha256:${"a".repeat(64)}\nCOPY ./ /app/\nRUN apt-get update && pip3 install numpy \\\n  matplotlib\nCMD python /app/app.py`,
      'FROM python AS base\nFROM base\nCOPY src /app/src\nRUN pip install -r requirements.txt\nCMD ["python", "src/app.py"]',
    ];
    expect(check(variants[0] ?? "")).toMatchObject({ status: "passed" });
    expect(check(variants[1] ?? "")).toMatchObject({ status: "passed" });
    expect(check(variants[2] ?? "", { pyFiles: ["src/app.py"] }, "# deps\nNumPy==1.26\nmatplotlib  # plots\n")).toMatchObject({ status: "passed" });
  });

  it("passes a lowercase dockerfile with a hint to rename it", () => {
    expect(check(HANDOUT, { dockerfile: { file: "dockerfile", exact: false } })).toMatchObject({ status: "passed", hint: "Docker accepts `dockerfile`, but the usual name is `Dockerfile`: rename it." });
  });

  it("names a missing package and the line it looked at", () => {
    expect(check(HANDOUT.replace("numpy matplotlib", "numpy"))).toMatchObject({
      status: "failed",
      message: "Expected `RUN pip install numpy matplotlib`; found `RUN pip install numpy` (line 4): matplotlib is missing.",
      hint: "Install both with pip: `RUN pip install numpy matplotlib`.",
    });
    expect(check(HANDOUT.replace("numpy matplotlib", "numpy, matplotlib")).hint).toContain("`numpy,` is not a package name");
    expect(check(HANDOUT.replace("RUN pip install numpy matplotlib", "RUN apt-get install -y python3-numpy")).message).toBe(
      "Expected `RUN pip install numpy matplotlib`; found no pip install among `RUN apt-get install -y python3-numpy` (line 4).",
    );
    expect(check(HANDOUT.replace("RUN pip install numpy matplotlib\n", "")).message).toContain("found no RUN line.");
  });

  it("reads a requirements file, and says when it was not found", () => {
    const dockerfile = HANDOUT.replace("numpy matplotlib", "-r requirements.txt");
    expect(check(dockerfile, {}, "numpy\n").message).toBe("Expected `RUN pip install numpy matplotlib`; found `RUN pip install -r requirements.txt` (line 4): matplotlib is missing.");
    expect(check(dockerfile, {}, null).message).toContain("; `requirements.txt` was not found in the folder: numpy and matplotlib are missing.");
  });

  it("fails another base image and names it", () => {
    expect(check(HANDOUT.replace("FROM python", "FROM ubuntu:22.04"))).toMatchObject({ status: "failed", message: "Expected `FROM python` (any tag); found `FROM ubuntu:22.04` (line 1)." });
    expect(check(HANDOUT.replace("FROM python", "FROM Python")).hint).toContain("Image names are lowercase");
    expect(check(HANDOUT.replace("FROM python", "*FROM python*")).message).toBe("Expected `FROM python`; found no FROM line. Line 1: `*FROM` is not a Dockerfile instruction.");
  });

  it("reads FROM as the engine does: ARGs before the first FROM, stages, every spelling of the Hub", () => {
    for (const from of ["ARG PY_VERSION=3.12\nFROM python:${PY_VERSION}", "ARG PY_VERSION=3.12\nFROM python:$PY_VERSION", "ARG PY_VERSION\nFROM python:${PY_VERSION:-3.12}", "FROM registry-1.docker.io/library/python:3.12", "FROM python AS build\nFROM build"]) {
      expect(check(HANDOUT.replace("FROM python", from))).toMatchObject({ status: "passed" });
    }
    expect(check(HANDOUT.replace("FROM python", "FROM python AS build\nFROM ubuntu AS python\nFROM python"))).toMatchObject({ status: "failed", message: "Expected `FROM python` (any tag); found `FROM ubuntu` (line 2)." });
    expect(check(HANDOUT.replace("FROM python", "ARG BASE=ubuntu:22.04\nFROM $BASE")).message).toBe("Expected `FROM python` (any tag); found `FROM $BASE` (line 2), which is `ubuntu:22.04`.");
  });

  it("fails a FROM the engine refuses, and says which ARG has no value", () => {
    expect(check(HANDOUT.replace("FROM python", "ARG PY_VERSION\nFROM python:${PY_VERSION}"))).toMatchObject({
      status: "failed",
      message: "Expected `FROM python` (any tag); found `FROM python:${PY_VERSION}` (line 2), which reads `python:`: the engine refuses it (invalid reference format).",
      hint: "Line 2: `PY_VERSION` has no value there: `ARG PY_VERSION` (line 1) has no default, and the build is given no --build-arg. Give it one: `ARG PY_VERSION=3.12`.",
    });
    expect(check(HANDOUT.replace("FROM python", "FROM scratch AS x\nARG PY_VERSION=3.12\nFROM python:${PY_VERSION}")).hint).toBe(
      "Line 3: `PY_VERSION` has no value there: `ARG PY_VERSION` is on line 2, after the first FROM, and a FROM line sees only the ARGs declared before it. Move it above the first FROM, with a default: `ARG PY_VERSION=3.12`.",
    );
    expect(check(HANDOUT.replace("FROM python", "FROM ${BASE}"))).toMatchObject({
      message: "Expected `FROM python` (any tag); found `FROM ${BASE}` (line 1): the engine refuses it (base name (${BASE}) should not be blank).",
      hint: "Line 1: `BASE` has no value there: declare it before the first FROM, with a default: `ARG BASE=python`.",
    });
    expect(check(HANDOUT.replace("FROM python", "FROM python@sha256:abc"))).toMatchObject({ message: "Expected `FROM python` (any tag); found `FROM python@sha256:abc` (line 1): the engine refuses it (invalid reference format).", hint: "Check the image name on line 1 for a stray character: the lab builds on `FROM python` (or a tag such as `python:3.12-slim`)." });
    expect(check(HANDOUT.replace("FROM python", "ARG V=3.12\nFROM python:${V%.*}")).message).toBe("Expected `FROM python` (any tag); found `FROM python:${V%.*}` (line 2), which labgrade cannot expand: `${V%…}` is expanded differently by different engines.");
  });

  it("fails a missing COPY of the app and a missing or broken CMD", () => {
    expect(check(HANDOUT.replace("COPY . /app", "COPY requirements.txt /app")).message).toBe("Expected the app copied in with `COPY . /app`; found `COPY requirements.txt /app` (line 3), which does not copy app.py.");
    expect(check(HANDOUT.replace("COPY . /app\n", "")).message).toContain("found no COPY or ADD line.");
    expect(check(HANDOUT.replace('CMD ["python", "app.py"]\n', "")).message).toBe('Expected `CMD ["python", "app.py"]`; found no CMD or ENTRYPOINT line.');
    const curly = check(HANDOUT.replace('CMD ["python", "app.py"]', "CMD [“python”, “app.py”]"));
    expect(curly.status).toBe("failed");
    expect(curly.message).toContain("found `CMD [“python”, “app.py”]` (line 5), which is not valid JSON");
    expect(curly.message).toContain("Line 5 has curly quotes “ ”");
  });

  it("explains a missing Dockerfile", () => {
    const txt = check("", { dockerfile: null, misses: [{ file: "Dockerfile.txt", problem: "txt-extension" }] });
    expect(txt).toMatchObject({ status: "failed", message: "Expected a file named `Dockerfile`; found `Dockerfile.txt`: Windows hid the .txt extension." });
    expect(txt.hint).toContain("Rename it to `Dockerfile` (no extension)");
    expect(explainMissingDockerfile({ ...APP, dockerfile: null, misses: [{ file: "DockerFile", problem: "wrong-case" }] }).message).toBe("Expected a file named `Dockerfile`; found `DockerFile`: the name is case-sensitive.");
    expect(explainMissingDockerfile({ ...APP, dockerfile: null, files: ["app.py", "README.md"] }).message).toBe("Expected a file named `Dockerfile` next to the app; found no Dockerfile among `app.py`, `README.md`.");
    expect(explainMissingDockerfile({ ...APP, dockerfile: null, files: [] }).message).toContain("found an empty folder");
    expect(explainMissingDockerfile({ ...APP, dir: null, dockerfile: null, candidates: ["a", "b"] }).message).toBe("Expected one folder with the Dockerfile; found Dockerfile-like files in `a/`, `b/`.");
  });

  it("places each failure on the Dockerfile's line to fix, or on the file when a line is missing", () => {
    expect(check(HANDOUT).location).toBeUndefined();
    expect(check(HANDOUT.replace("numpy matplotlib", "numpy")).location).toEqual({ file: "Dockerfile", line: 4 });
    expect(check(`RUN echo hi\n${HANDOUT.replace("numpy matplotlib", "numpy, matplotlib")}`).location).toEqual({ file: "Dockerfile", line: 5 });
    expect(check(HANDOUT.replace("RUN pip install numpy matplotlib\n", "")).location).toEqual({ file: "Dockerfile" });
    expect(check(HANDOUT.replace("FROM python", "FROM ubuntu")).location).toEqual({ file: "Dockerfile", line: 1 });
    expect(check(HANDOUT.replace("COPY . /app", "COPY requirements.txt /app")).location).toEqual({ file: "Dockerfile", line: 3 });
    expect(check(HANDOUT.replace('CMD ["python", "app.py"]', "CMD [“python”, “app.py”]"), { dockerfile: { file: "dockerfile", exact: false } }).location).toEqual({ file: "dockerfile", line: 5 });
    expect(check("", { dockerfile: null, misses: [{ file: "Dockerfile.txt", problem: "txt-extension" }] }).location).toEqual({ file: "Dockerfile.txt" });
    expect(check("", { dockerfile: null, files: ["app.py"] }).location).toBeUndefined();
  });

  it("is a harness error when a found Dockerfile was not read", () => {
    expect(checkPythonappDockerfile(APP, null, null).status).toBe("error");
  });
});

describe("pip helpers", () => {
  it("recognise python images", () => {
    for (const image of ["python", "python:3.12-slim", "docker.io/library/python", "library/python:3", `python@sha256:${"a".repeat(64)}`, "registry-1.docker.io/library/python:3.12", "index.docker.io/python"]) expect(isPythonImage(image)).toBe(true);
    for (const image of ["ubuntu", "pythonapp", "myuser/python", "ghcr.io/x/python", "Python", "python@sha256:abc", "python:${VER}", "registry-1.docker.io/python"]) expect(isPythonImage(image)).toBe(false);
  });

  it("find pip installs, their packages and requirements files", () => {
    const facts = readDockerfileFacts("RUN pip --no-cache-dir install -i https://x numpy && /usr/local/bin/pip3.12 install --requirement=req.txt\nRUN echo pip install && sh -c \"pip install seaborn\"\nRUN python3 -m pip install -rextra.txt -t /opt matplotlib");
    expect(findPipInstalls(facts).map((i) => ({ line: i.line, packages: i.packages.map((p) => p.name), requirements: i.requirements }))).toEqual([
      { line: 1, packages: ["numpy"], requirements: ["req.txt"] },
      { line: 2, packages: ["seaborn"], requirements: [] },
      { line: 3, packages: ["matplotlib"], requirements: ["extra.txt"] },
    ]);
    expect(requirementsFiles(facts)).toEqual(["req.txt", "extra.txt"]);
  });
});
