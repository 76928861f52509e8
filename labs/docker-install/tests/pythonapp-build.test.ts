import { describe, expect, it } from "vitest";
import type { AppFolder } from "../../../src/evidence/app-folder.ts";
import { readDockerfileFacts } from "../../../src/dockerfile/dockerfile-facts.ts";
import type { BuildResult } from "../../../src/runners/types.ts";
import type { DockerfileFacts } from "../../../src/dockerfile/dockerfile-facts.ts";
import { appCheck } from "../../../testing/lab/lab-steps.ts";

const checkPythonappBuild = (app: AppFolder, build: BuildResult | null, facts: DockerfileFacts | null = null) => appCheck("pythonapp-build")({ app, build, facts });

const APP: AppFolder = { dir: "/s", dockerfile: { file: "Dockerfile", exact: true }, misses: [], candidates: [], files: ["Dockerfile", "app.py"], filesTruncated: false, pyFiles: ["app.py"], dockerignore: null, appScript: "app.py" };
const broken = (error: string, log = ""): BuildResult => ({ ok: false, log, error, durationMs: 3000 });

describe("checkPythonappBuild", () => {
  it("passes a build that worked", () => {
    expect(checkPythonappBuild(APP, { ok: true, log: "Successfully built", durationMs: 12_345 })).toMatchObject({ status: "passed", message: "`Dockerfile` builds (12.3 s)." });
  });

  it("explains why there was nothing to build", () => {
    const result = checkPythonappBuild({ ...APP, dockerfile: null, misses: [{ file: "Dockerfile.txt", problem: "txt-extension" }] }, null);
    expect(result).toMatchObject({ status: "failed", message: "Expected the Dockerfile to build; there is nothing to build. Expected a file named `Dockerfile`; found `Dockerfile.txt`: Windows hid the .txt extension." });
    expect(result.hint).toContain("Rename it to `Dockerfile`");
    expect(checkPythonappBuild(APP, null).status).toBe("error");
  });

  it("quotes the daemon's error, with a hint by cause", () => {
    const pull = checkPythonappBuild(APP, broken("pull access denied for pyhton, repository does not exist or may require 'docker login': denied: requested access to the resource is denied"));
    expect(pull.message).toBe("Expected the Dockerfile to build; the build failed: pull access denied for pyhton, repository does not exist or may require 'docker login': denied: requested access to the resource is denied");
    expect(pull.hint).toContain("FROM line");
    const pip = checkPythonappBuild(APP, broken("The command '/bin/sh -c pip install numpyy matplotlib' returned a non-zero code: 1", "ERROR: No matching distribution found for numpyy\n"));
    expect(pip.hint).toBe("pip could not find a package named `numpyy`: check its spelling. The lab needs `RUN pip install numpy matplotlib`.");
    const step = checkPythonappBuild(APP, broken('process "/bin/sh -c python setup.py" did not complete successfully: exit code: 2'));
    expect(step.hint).toContain("The step `RUN python setup.py` failed");
    const copy = checkPythonappBuild(APP, broken("COPY failed: file not found in build context or excluded by .dockerignore: stat app.py: file does not exist"));
    expect(copy.hint).toContain("COPY names `app.py`, which is not in the folder");
    const ignored = checkPythonappBuild({ ...APP, dockerignore: "*.py\n" }, broken('failed to compute cache key: failed to calculate checksum of ref x::y: "/app.py": not found'));
    expect(ignored.hint).toBe("The `.dockerignore` line `*.py` keeps `app.py` out of the build: remove that line.");
    expect(checkPythonappBuild(APP, broken("dockerfile parse error line 1: unknown instruction: *FROM")).hint).toBe("Line 1 starts with `*FROM`, which is not a Dockerfile instruction: retype it as `FROM`, without the characters pasted from a document.");
    expect(checkPythonappBuild(APP, broken("invalid reference format: repository name must be lowercase")).hint).toContain("lowercase");
    expect(checkPythonappBuild(APP, broken("something odd")).hint).toContain("docker build -t pythonapp .");
  });

  it("places a failed build on the Dockerfile's line the error is about, else on the Dockerfile", () => {
    const facts = readDockerfileFacts('FROM python\nWORKDIR /app\nCOPY ../data.csv /app/\nCOPY app.py .\nRUN pip install  numpyy matplotlib\nCMD ["python", "app.py"]\n');
    const place = (error: string, app: AppFolder = APP) => checkPythonappBuild(app, broken(error), facts).location;
    expect(place("The command '/bin/sh -c pip install numpyy matplotlib' returned a non-zero code: 1")).toEqual({ file: "Dockerfile", line: 5 });
    expect(place('process "/bin/sh -c pip install numpyy matplotlib" did not complete successfully: exit code: 1')).toEqual({ file: "Dockerfile", line: 5 });
    expect(place("COPY failed: forbidden path outside the build context: ../data.csv ()")).toEqual({ file: "Dockerfile", line: 3 });
    expect(place("COPY failed: file not found in build context or excluded by .dockerignore: stat app.py: file does not exist")).toEqual({ file: "Dockerfile", line: 4 });
    expect(place('failed to compute cache key: "/app.py": not found')).toEqual({ file: "Dockerfile", line: 4 });
    expect(place("pull access denied for ubuntu: labgrade builds only on images already on the engine")).toEqual({ file: "Dockerfile", line: 1 });
    expect(place("dockerfile parse error line 2: unknown instruction: WORKDI")).toEqual({ file: "Dockerfile", line: 2 });
    expect(place("something odd")).toEqual({ file: "Dockerfile" });
    expect(place("something odd", { ...APP, dockerfile: { file: "dockerfile", exact: false } })).toEqual({ file: "dockerfile" });
    const unset = readDockerfileFacts("ARG PY_VERSION\nFROM python:${PY_VERSION}\n");
    expect(checkPythonappBuild(APP, broken("invalid reference format"), unset).location).toEqual({ file: "Dockerfile", line: 2 });
    expect(checkPythonappBuild({ ...APP, dockerfile: null, misses: [{ file: "Dockerfile.txt", problem: "txt-extension" }] }, null).location).toEqual({ file: "Dockerfile.txt" });
    expect(checkPythonappBuild(APP, { ok: true, log: "", durationMs: 1 }).location).toBeUndefined();
  });

  // What the engine answers when it refuses a Dockerfile before building (see evidence/build-rejection.ts).
  describe("a Dockerfile the engine refuses is the student's", () => {
    it("quotes an unknown instruction and suggests the nearest one", () => {
      expect(checkPythonappBuild(APP, broken("dockerfile parse error line 4: unknown instruction: RUNN"))).toEqual({
        status: "failed",
        message: "Expected the Dockerfile to build; the build failed: dockerfile parse error line 4: unknown instruction: RUNN",
        hint: "Line 4: `RUNN` is not a Dockerfile instruction. Did you mean `RUN`? Correct it and build again.",
        location: { file: "Dockerfile", line: 4 },
      });
      expect(checkPythonappBuild(APP, broken("dockerfile parse error on line 2: unknown instruction: COPPY (did you mean copy?)")).hint).toBe("Line 2: `COPPY` is not a Dockerfile instruction. Did you mean `COPY`? Correct it and build again.");
      expect(checkPythonappBuild(APP, broken("Dockerfile parse error line 1: unknown instruction: FORM")).hint).toContain("Did you mean `FROM`?");
      expect(checkPythonappBuild(APP, broken("dockerfile parse error line 5: unknown instruction: MATPLOTLIB")).hint).toBe(
        "Line 5: `MATPLOTLIB` is not a Dockerfile instruction; every line starts with one (FROM, RUN, COPY, WORKDIR, CMD …). A command to run while building needs RUN in front (`RUN pip install numpy matplotlib`), and a line that continues the one above needs a `\\` at the end of that line.",
      );
    });

    it("explains unknown flags, a bare ARG, a line before FROM and an empty file", () => {
      expect(checkPythonappBuild(APP, broken("dockerfile parse error line 3: Unknown flag: chmod"))).toMatchObject({
        status: "failed",
        hint: "Line 3: `--chmod` is not a flag this engine knows there. Check its spelling, or remove it: the lab's Dockerfile needs no flags.",
      });
      expect(checkPythonappBuild(APP, broken("dockerfile parse error on line 3: unknown flag: --chmod")).hint).toContain("`--chmod` is not a flag");
      expect(checkPythonappBuild(APP, broken("dockerfile parse error line 1: ARG requires exactly one argument"))).toMatchObject({
        status: "failed",
        message: "Expected the Dockerfile to build; the build failed: dockerfile parse error line 1: ARG requires exactly one argument",
        hint: "Line 1: `ARG` needs a name, with an optional default, one a line: `ARG PY_VERSION=3.12`.",
      });
      expect(checkPythonappBuild(APP, broken("dockerfile parse error line 1: no build stage in current context")).hint).toBe("Line 1 comes before the first FROM, where only ARG may stand: start the Dockerfile with `FROM python`.");
      expect(checkPythonappBuild(APP, broken("the Dockerfile (Dockerfile) cannot be empty")).hint).toBe("The Dockerfile is empty: write the handout's lines into it and save it.");
      expect(checkPythonappBuild(APP, broken("dockerfile parse error line 5: COPY requires at least two arguments, but only one was provided. Destination could not be determined.")).hint).toBe("Fix line 5 of the Dockerfile as the error says, then build again.");
    });

    it("explains a FROM the engine cannot read, naming the ARG when the Dockerfile was read", () => {
      const lowercase = checkPythonappBuild(APP, broken("invalid reference format: repository name must be lowercase"), readDockerfileFacts("FROM Python\n"));
      expect(lowercase).toMatchObject({ status: "failed", message: "Expected the Dockerfile to build; the build failed: invalid reference format: repository name must be lowercase", hint: "Image names are lowercase: write `FROM python`." });
      const unset = readDockerfileFacts("ARG PY_VERSION\nFROM python:${PY_VERSION}\n");
      expect(checkPythonappBuild(APP, broken("invalid reference format"), unset)).toMatchObject({
        status: "failed",
        hint: "Line 2: `PY_VERSION` has no value there: `ARG PY_VERSION` (line 1) has no default, and the build is given no --build-arg. Give it one: `ARG PY_VERSION=3.12`.",
      });
      expect(checkPythonappBuild(APP, broken("base name (${BASE}) should not be blank"), readDockerfileFacts("FROM ${BASE}\n")).hint).toBe("Line 1: `BASE` has no value there: declare it before the first FROM, with a default: `ARG BASE=python`.");
      expect(checkPythonappBuild(APP, broken("base name (${BASE}) should not be blank")).hint).toContain("`FROM ${BASE}` names no image: its variable has no value.");
    });

    it("passes a build that only warned about an empty continuation line, with a hint", () => {
      const log = "[WARNING]: Empty continuation line found in:\n    RUN pip install numpy     matplotlib\n[WARNING]: Empty continuation lines will become errors in a future release.\nStep 1/5 : FROM labgrade/lab-python:latest\nSuccessfully built 0123456789ab\n";
      expect(checkPythonappBuild(APP, { ok: true, log, durationMs: 2000 })).toEqual({
        status: "passed",
        message: "`Dockerfile` builds (2.0 s).",
        hint: "The engine warned about an empty line inside a `\\` continuation (in `RUN pip install numpy     matplotlib`): remove the blank line, or end it with `\\` too. Later Docker versions refuse it.",
      });
      expect(checkPythonappBuild(APP, broken("The command '/bin/sh -c pip install numpyy' returned a non-zero code: 1", `${log}ERROR: No matching distribution found for numpyy\n`)).hint).toContain("pip could not find a package named `numpyy`");
    });
  });

  it("names the COPY line that reaches outside the folder", () => {
    const error = "COPY failed: forbidden path outside the build context: ../x ()";
    const facts = readDockerfileFacts("FROM python\nWORKDIR /app\nCOPY ../x /app\nCMD [\"python\", \"app.py\"]\n");
    expect(checkPythonappBuild(APP, broken(error), facts)).toMatchObject({
      status: "failed",
      message: "Expected the Dockerfile to build; the build failed: COPY failed: forbidden path outside the build context: ../x ()",
      hint: "Line 3: `COPY ../x /app` copies `../x`, which is outside the folder being built: a build sees only its own folder (the one with the Dockerfile), never the folders around it. Move `x` into that folder and copy it from there: `COPY x /app`.",
    });
    expect(checkPythonappBuild(APP, broken(error, "Step 3/4 : COPY ../x /app\n")).hint).toBe(
      "`COPY ../x /app` copies `../x`, which is outside the folder being built: a build sees only its own folder (the one with the Dockerfile), never the folders around it. Move `x` into that folder and copy it from there: `COPY x /app/`.",
    );
    expect(checkPythonappBuild(APP, broken("COPY failed: forbidden path outside the build context: .. ()")).hint).toContain("Move what the app needs into that folder and copy it from there: `COPY . /app`.");
  });

  it("is an error when the engine itself failed while building", () => {
    const result = checkPythonappBuild(APP, broken("failed to register layer: write /usr/lib/x.so: no space left on device", "Step 4/5 : RUN pip install numpy matplotlib\n"));
    expect(result).toMatchObject({ status: "error", message: "labgrade could not judge the build: the engine failed while building, which is not a mistake in the Dockerfile: failed to register layer: write /usr/lib/x.so: no space left on device" });
    expect(result.hint).toBeUndefined();
    expect(checkPythonappBuild(APP, broken("No such image: sha256:d6fbf7c0a1b2c3d4e5f6")).status).toBe("error");
    expect(checkPythonappBuild(APP, broken("failed to get parent: unknown parent image ID sha256:0123456789ab")).status).toBe("error");
    expect(checkPythonappBuild(APP, broken("pull access denied for pyhton, repository does not exist")).status).toBe("failed");
  });

  it("bounds a long error and keeps the log tail as details", () => {
    const log = Array.from({ length: 30 }, (_, i) => `step ${i}`).join("\n");
    const result = checkPythonappBuild(APP, broken("x".repeat(2000), log));
    expect(result.message.length).toBeLessThan(700);
    expect(result.details?.split("\n")).toHaveLength(20);
    expect(checkPythonappBuild(APP, { ok: false, log: "a\nb\nfinal words", durationMs: 1 }).message).toContain("a\nb\nfinal words");
  });
});

describe("checkPythonappBuild: a build without the process bound", () => {
  it("says so when it passes, with the reason", () => {
    const app = { dockerfile: { file: "Dockerfile" } } as unknown as Parameters<typeof checkPythonappBuild>[0];
    const result = checkPythonappBuild(app, { ok: true, log: "", durationMs: 1000, pidsUnbounded: "the engine is rootless: its cgroups belong to its user's systemd session" });
    expect(result.status).toBe("passed");
    expect(result.message).toContain("without labgrade's bound on its processes: the engine is rootless");
  });

  it("says which of the build's memory and CPU bounds the engine did not apply, beside the process bound", () => {
    const app = { dockerfile: { file: "Dockerfile" } } as unknown as Parameters<typeof checkPythonappBuild>[0];
    const limitsUnbounded = "memory (512 MiB) and CPU (1): the engine is rootless without cgroups (cgroup driver `none`, cgroup v1) and applies none of them";
    const result = checkPythonappBuild(app, { ok: true, log: "", durationMs: 1000, pidsUnbounded: "the engine is rootless", limitsUnbounded });
    expect(result.message).toBe(`\`Dockerfile\` builds (1.0 s). It was built without labgrade's bound on its processes: the engine is rootless. It was built without labgrade's bounds on its ${limitsUnbounded}.`);
    const failed = checkPythonappBuild(app, { ok: false, log: "", error: "The command '/bin/sh -c python -c x' returned a non-zero code: 1", durationMs: 1000, limitsUnbounded });
    expect(failed.message).toContain(`It was built without labgrade's bounds on its ${limitsUnbounded}.`);
  });

  it("says nothing when the bound held", () => {
    const app = { dockerfile: { file: "Dockerfile" } } as unknown as Parameters<typeof checkPythonappBuild>[0];
    expect(checkPythonappBuild(app, { ok: true, log: "", durationMs: 1000 }).message).not.toContain("bound");
  });
});
