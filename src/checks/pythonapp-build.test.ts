import { describe, expect, it } from "vitest";
import type { AppFolder } from "../evidence/app-folder.ts";
import type { BuildResult } from "../runners/build-image.ts";
import { checkPythonappBuild } from "./pythonapp-build.ts";

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
    expect(checkPythonappBuild(APP, broken("dockerfile parse error line 1: unknown instruction: *FROM")).hint).toContain("Line 1 starts with `*FROM`");
    expect(checkPythonappBuild(APP, broken("invalid reference format: repository name must be lowercase")).hint).toContain("lowercase");
    expect(checkPythonappBuild(APP, broken("something odd")).hint).toContain("docker build -t pythonapp .");
  });

  it("bounds a long error and keeps the log tail as details", () => {
    const log = Array.from({ length: 30 }, (_, i) => `step ${i}`).join("\n");
    const result = checkPythonappBuild(APP, broken("x".repeat(2000), log));
    expect(result.message.length).toBeLessThan(700);
    expect(result.details?.split("\n")).toHaveLength(20);
    expect(checkPythonappBuild(APP, { ok: false, log: "a\nb\nfinal words", durationMs: 1 }).message).toContain("a\nb\nfinal words");
  });
});
