import { describe, expect, it } from "vitest";
import { buildkitError } from "./buildkit-build.ts";
import { containerdStore } from "./choose-builder.ts";
import { hoistPipInstalls, withOriginalLines } from "../dockerfile/hoist-pip.ts";

// `docker buildx build --progress=plain` of a Dockerfile whose pip line failed (as Docker 26.1 prints it).
const FAILED = `#7 [3/4] RUN pip install numpyy
#7 1.204 ERROR: No matching distribution found for numpyy
#7 ERROR: process "/bin/sh -c pip install numpyy" did not complete successfully: exit code: 1
------
 > [3/4] RUN pip install numpyy:
1.204 ERROR: No matching distribution found for numpyy
------
Dockerfile:2
--------------------
   1 |     FROM labgrade/lab-python
   2 | >>> RUN pip install numpyy
   3 |     COPY . /app
--------------------
ERROR: failed to build: failed to solve: process "/bin/sh -c pip install numpyy" did not complete successfully: exit code: 1`;

describe("BuildKit builds", () => {
  it("quote the failed step's output, the Dockerfile excerpt and BuildKit's last line", () => {
    const error = buildkitError(FAILED);
    expect(error.startsWith("------")).toBe(true);
    expect(error).toContain("No matching distribution found for numpyy");
    expect(error).toContain("Dockerfile:2");
    expect(error.endsWith("exit code: 1")).toBe(true);
  });

  it("name the student's own lines when the pip line was hoisted above COPY", () => {
    const student = "FROM python\nCOPY . /app\nRUN pip install numpyy\nCMD [\"python\", \"/app/app.py\"]\n";
    const hoisted = hoistPipInstalls(student);
    expect(hoisted.hoisted).toHaveLength(1);
    const mapped = withOriginalLines(buildkitError(FAILED), hoisted.originalLine);
    expect(mapped).toContain("Dockerfile:3");
    expect(mapped).toMatch(/^ {3}3 \| >>> RUN pip install numpyy$/m);
    expect(mapped).toMatch(/^ {3}2 \| {5}COPY \. \/app$/m);
  });

  it("are chosen on the containerd image store, as docker info reports it", () => {
    expect(containerdStore([["driver-type", "io.containerd.snapshotter.v1"]])).toBe(true);
    expect(containerdStore([["Backing Filesystem", "extfs"], ["Supports d_type", "true"]])).toBe(false);
    expect(containerdStore(undefined)).toBe(false);
  });
});
