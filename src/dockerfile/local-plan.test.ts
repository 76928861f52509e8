import { describe, expect, it } from "vitest";
import { DEFAULT_SANDBOX } from "../runners/app-runner.ts";
import { imageCommand, planDockerfile } from "./local-plan.ts";
import { wrapCommand } from "../runners/local/isolation.ts";
import { mapCommand } from "../runners/local/local-app-runner.ts";

describe("planDockerfile", () => {
  it("lays out the handout's Dockerfile: WORKDIR, COPY, the pip install and CMD", () => {
    const plan = planDockerfile('FROM python\nWORKDIR /app\nCOPY . /app\nRUN pip install numpy matplotlib\nCMD ["python", "app.py"]\n');
    expect(plan).toMatchObject({ kind: "plan", from: { image: "python", tag: null, line: 1 }, workdir: "/app", command: ["python", "app.py"] });
    if (plan.kind !== "plan") return;
    expect(plan.steps.map((s) => s.kind)).toEqual(["workdir", "copy", "run"]);
    const run = plan.steps[2];
    expect(run?.kind === "run" && run.install?.packages.map((p) => p.written)).toEqual(["numpy", "matplotlib"]);
  });

  it("resolves each COPY and RUN against the WORKDIR in force at its line", () => {
    const plan = planDockerfile("FROM python:3.12\nWORKDIR /srv\nCOPY a.txt .\nWORKDIR app\nCOPY b.txt ./\nRUN pip install -r requirements.txt\n");
    expect(plan.kind === "plan" && plan.steps.filter((s) => s.kind !== "workdir").map((s) => ("workdir" in s ? s.workdir : null))).toEqual(["/srv", "/srv/app", "/srv/app"]);
    expect(plan).toMatchObject({ from: { tag: "3.12" }, workdir: "/srv/app" });
  });

  it("refuses what the engine refuses, in its words: an unknown instruction, a base that is not python", () => {
    expect(planDockerfile("FROM python\nRUNN pip install numpy\n")).toEqual({ kind: "refused", error: "dockerfile parse error line 2: unknown instruction: RUNN", line: 2 });
    expect(planDockerfile("FROM ubuntu\nCMD python3\n")).toMatchObject({ kind: "refused", error: expect.stringMatching(/^pull access denied for ubuntu: /) });
    expect(planDockerfile("")).toMatchObject({ kind: "refused", error: expect.stringContaining("cannot be empty") });
    expect(planDockerfile("WORKDIR /app\nFROM python\n")).toMatchObject({ kind: "refused", error: "no build stage in current context" });
  });

  it("reads FROM through the ARGs before it, and says what it cannot stand in for", () => {
    expect(planDockerfile("ARG V=3.12\nFROM python:${V}\n")).toMatchObject({ kind: "plan", from: { tag: "3.12" } });
    expect(planDockerfile("FROM python AS build\nFROM python\nCOPY --from=build /x /x\n")).toMatchObject({ kind: "unsupported" });
  });

  it("keeps the Dockerfile's ENV and says which instructions are not applied", () => {
    const plan = planDockerfile('FROM python\nENV GREETING="hi there" MODE=x\nUSER nobody\nRUN echo hello\n');
    expect(plan).toMatchObject({ kind: "plan", env: { GREETING: "hi there", MODE: "x" } });
    expect(plan.kind === "plan" && plan.steps.map((s) => s.kind)).toEqual(["env", "skip", "run"]);
  });
});

describe("imageCommand", () => {
  const exec = (args: string[]) => ({ form: "exec" as const, args, line: 1 });
  const shell = (args: string[]) => ({ form: "shell" as const, args, line: 1 });

  it("runs ENTRYPOINT with CMD as its arguments, shell forms through /bin/sh -c, python3 when neither", () => {
    expect(imageCommand({ entrypoint: exec(["python"]), cmd: exec(["app.py"]) })).toEqual(["python", "app.py"]);
    expect(imageCommand({ entrypoint: null, cmd: shell(["python", "app.py"]) })).toEqual(["/bin/sh", "-c", "python app.py"]);
    expect(imageCommand({ entrypoint: shell(["python", "app.py"]), cmd: exec(["ignored"]) })).toEqual(["/bin/sh", "-c", "python app.py"]);
    expect(imageCommand({ entrypoint: null, cmd: null })).toEqual(["python3"]);
  });
});

describe("mapCommand", () => {
  const app = { root: "/tmp/root", venv: { dir: "/tmp/venv", python: "/tmp/venv/bin/python" } };
  const tops = new Set(["app", "tmp"]);

  it("points the image's paths into the folder standing in for / and the image's python at the venv's", () => {
    expect(mapCommand(["/usr/local/bin/python3", "/app/app.py", "--out", "/data/x"], app, tops)).toEqual(["/tmp/venv/bin/python3", "/tmp/root/app/app.py", "--out", "/data/x"]);
    expect(mapCommand(["/bin/sh", "-c", "python /app/app.py > /tmp/log && cat /etc/hostname"], app, tops)).toEqual(["/bin/sh", "-c", "python /tmp/root/app/app.py > /tmp/root/tmp/log && cat /etc/hostname"]);
    expect(mapCommand(["python", "app.py"], app, tops)).toEqual(["python", "app.py"]);
  });
});

describe("wrapCommand", () => {
  const sandbox = { ...DEFAULT_SANDBOX, timeoutMs: 10_000, memoryBytes: 256 * 1024 * 1024, diskBytes: 64 * 1024 * 1024, pidsLimit: 32 };
  const full = { prlimit: "/usr/bin/prlimit", unshare: ["/usr/bin/unshare", "--net", "--pid", "--fork", "--kill-child", "--"], setpriv: "/usr/bin/setpriv", uid: 62000, timeout: "/usr/bin/timeout", unbounded: [] };

  it("puts every bound in front of the command, exec'ing one into the next", () => {
    expect(wrapCommand(full, ["python", "app.py"], sandbox, true)).toEqual([
      "/usr/bin/prlimit", "--data=268435456", "--fsize=67108864", "--core=0", "--nproc=32", "--",
      "/usr/bin/unshare", "--net", "--pid", "--fork", "--kill-child", "--",
      "/usr/bin/setpriv", "--reuid=62000", "--regid=62000", "--clear-groups", "--no-new-privs", "--",
      "/usr/bin/timeout", "-s", "KILL", "25", "python", "app.py",
    ]);
  });

  it("sets no process limit without a user of the app's own, and falls back to the shell's ulimit", () => {
    const bare = { ...full, prlimit: null, unshare: null, setpriv: null, uid: null };
    expect(wrapCommand(bare, ["python"], sandbox, true)).toEqual(["/bin/sh", "-c", 'ulimit -d "$1" && ulimit -f "$2" && ulimit -c 0 && shift 2 && exec "$@"', "labgrade-limits", "262144", "131072", "/usr/bin/timeout", "-s", "KILL", "25", "python"]);
    expect(wrapCommand(full, ["python"], sandbox, false).join(" ")).not.toMatch(/nproc|setpriv/);
  });
});
