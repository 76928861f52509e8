import { describe, expect, it } from "vitest";
import type { RunResult } from "../../../src/runners/types.ts";
import { appCheck } from "../../../testing/lab/lab-steps.ts";

const checkPythonappOutput = (run: RunResult | null, context: { dockerignoreExcluded: string | null; appFile: string | null }) => appCheck("pythonapp-output")({ run, ...context });

const CONTEXT = { dockerignoreExcluded: null, appFile: "app.py" };
const HANDOUT_STDOUT = "This is the squaring function\n[0 1 2 3 4 5 6 7 8 9] [ 0  1  4  9 16 25 36 49 64 81]\n";
const run = (over: Partial<RunResult>): RunResult => ({ exitCode: 0, timedOut: false, oomKilled: false, durationMs: 2000, stdout: HANDOUT_STDOUT, stderr: "", droppedBytes: 0, plots: [], ...over });

describe("checkPythonappOutput", () => {
  it("passes the handout's output", () => {
    expect(checkPythonappOutput(run({}), CONTEXT).status).toBe("passed");
  });

  it("compares numbers, not formatting", () => {
    const outputs = [
      "This is the squaring function\n[0, 1, 2, 3, 4, 5, 6, 7, 8, 9] [0, 1, 4, 9, 16, 25, 36, 49, 64, 81]\n",
      "This  is the\nsquaring function\n[0. 1. 2. 3. 4. 5. 6. 7. 8. 9.]\n\n[ 0.  1.  4.  9. 16. 25. 36. 49. 64. 81.]\n",
      `This is the squaring function\n${[0, 1, 2, 3, 4, 5, 6, 7, 8, 9].join("\n")}\n${[0, 1, 4, 9, 16, 25, 36, 49, 64, 81].join("\n")}\n`,
      `This is the squaring function\n${[0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((x) => `${x} ${x * x}`).join("\n")}\n`,
    ];
    for (const stdout of outputs) expect(checkPythonappOutput(run({ stdout }), CONTEXT).status).toBe("passed");
  });

  it("says the app was not run when the image did not build", () => {
    expect(checkPythonappOutput(null, CONTEXT)).toMatchObject({ status: "failed", message: "Expected the app to run; it was not run: the image did not build." });
  });

  it("fails a missing or misspelt phrase, naming what was found", () => {
    const wrongCase = checkPythonappOutput(run({ stdout: "this is the Squaring function\n[0 1 2 3 4 5 6 7 8 9] [ 0  1  4  9 16 25 36 49 64 81]" }), CONTEXT);
    expect(wrongCase).toMatchObject({ status: "failed", message: "Expected the output to hold `This is the squaring function`; found `this is the Squaring function`." });
    expect(checkPythonappOutput(run({ stdout: "" }), CONTEXT).message).toContain("found no such line in an empty output");
  });

  it("fails wrong numbers, showing the first found", () => {
    const result = checkPythonappOutput(run({ stdout: "This is the squaring function\n[0 1 2 3 4 5 6 7 8 9] [0 2 4 6 8 10 12 14 16 18]\n" }), CONTEXT);
    expect(result.status).toBe("failed");
    expect(result.message).toBe("Expected the output to show 0..9 and their squares; their squares 0, 1, 4, …, 81 after them are missing. Found the numbers 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 2, … (20 numbers).");
    expect(checkPythonappOutput(run({ stdout: "This is the squaring function\n" }), CONTEXT).message).toContain("the numbers 0..9 are missing. Found no numbers.");
  });

  it("explains a crash with the matching hint", () => {
    const stderr = '  File "/app/app.py", line 5\n    print(“This is the squaring function”)\n          ^\nSyntaxError: invalid character \'“\' (U+201C)\n';
    const result = checkPythonappOutput(run({ exitCode: 1, stdout: "", stderr }), CONTEXT);
    expect(result.status).toBe("failed");
    expect(result.message).toContain("exited with code 1: SyntaxError: line 5 of app.py has curly quotes “ (U+201C), ” (U+201D)");
    expect(result.hint).toContain("straight quotes");
    expect(result.location).toEqual({ file: "app.py", line: 5 });
    const numpy = checkPythonappOutput(run({ exitCode: 1, stdout: "", stderr: "ModuleNotFoundError: No module named 'numpy'\n" }), CONTEXT);
    expect(numpy.hint).toContain("`RUN pip install numpy matplotlib`");
    const ignored = checkPythonappOutput(run({ exitCode: 2, stdout: "", stderr: "python: can't open file '/app/app.py': [Errno 2] No such file or directory\n" }), { dockerignoreExcluded: "*.py", appFile: "app.py" });
    expect(ignored.hint).toContain("`*.py`");
    const tk = checkPythonappOutput(run({ exitCode: 1, stderr: "ImportError: Cannot load backend 'TkAgg' which requires the 'tk' interactive framework, as 'headless' is currently running\n" }), CONTEXT);
    expect(tk.hint).toContain("headless");
  });

  it("quotes the end of stderr for an unknown crash", () => {
    const stderr = Array.from({ length: 20 }, (_, i) => `line ${i}`).join("\n") + "\nZeroDivisionError: division by zero\n";
    const result = checkPythonappOutput(run({ exitCode: 1, stderr }), CONTEXT);
    expect(result.message).toMatch(/exited with code 1: its error output ends with:\nline 13\n.*ZeroDivisionError: division by zero$/s);
    expect(result.message).not.toContain("line 12");
    expect(result.hint).toContain("docker run pythonapp");
    expect(result.location).toBeUndefined();
  });

  it("fails a timeout and an out-of-memory kill, even after the right output", () => {
    const slow = checkPythonappOutput(run({ exitCode: null, timedOut: true, durationMs: 60_000, droppedBytes: 10 }), CONTEXT);
    expect(slow).toMatchObject({ status: "failed", message: "Expected the app to exit on its own; it did not exit within the time limit (60 s).", details: "10 bytes of output beyond the cap were dropped." });
    expect(slow.hint).toContain("input()");
    expect(checkPythonappOutput(run({ exitCode: 137, oomKilled: true }), CONTEXT).message).toContain("more memory than the limit");
  });

  it("says the run went without the bounds the engine did not apply, whatever the verdict", () => {
    const unbounded = "memory (512 MiB), processes (128) and CPU (1): the engine is rootless without cgroups (cgroup driver `none`, cgroup v1) and applies none of them";
    const note = ` It ran without labgrade's bounds on its ${unbounded}; its time limit, output and disk caps, network cut-off and dropped capabilities held.`;
    expect(checkPythonappOutput(run({ unbounded }), CONTEXT)).toMatchObject({ status: "passed", message: `The app printed \`This is the squaring function\`, the numbers 0..9 and their squares, and exited 0.${note}` });
    expect(checkPythonappOutput(run({ exitCode: null, timedOut: true, durationMs: 60_000, unbounded }), CONTEXT)).toMatchObject({ status: "failed", message: expect.stringMatching(/within the time limit \(60 s\)\. It ran without labgrade's bounds on its memory \(512 MiB\)/) });
    expect(checkPythonappOutput(run({}), CONTEXT).message).not.toContain("without labgrade's bounds");
  });

  it("points at the app's line a crash happened on, and at no line when the output is wrong", () => {
    const stderr = 'Traceback (most recent call last):\n  File "/app/app.py", line 1, in <module>\n    import numpy as np\nModuleNotFoundError: No module named \'numpy\'\n';
    expect(checkPythonappOutput(run({ exitCode: 1, stdout: "", stderr }), CONTEXT).location).toEqual({ file: "app.py", line: 1 });
    expect(checkPythonappOutput(run({ stdout: "This is the squaring function\n" }), CONTEXT).location).toBeUndefined();
    expect(checkPythonappOutput(run({ timedOut: true }), CONTEXT).location).toBeUndefined();
  });
});

describe("an app that keeps starting processes", () => {
  const base = { exitCode: null, timedOut: true, oomKilled: false, durationMs: 60_000, stdout: "", droppedBytes: 0, plots: [] };
  it("is told it met the process limit, not to look for input()", () => {
    const bomb = checkPythonappOutput({ ...base, stderr: "BlockingIOError: [Errno 11] Resource temporarily unavailable\n" }, { dockerignoreExcluded: null, appFile: "app.py" });
    expect(bomb.message).toContain("kept starting processes or threads until the limit stopped it");
    expect(bomb.hint).toContain("remove the code that starts processes or threads in a loop");
    expect(bomb.hint).not.toContain("input()");
  });

  it("is told the same when it crashed on a failed fork", () => {
    const crashed = checkPythonappOutput({ ...base, timedOut: false, exitCode: 1, stderr: "Traceback (most recent call last):\nRuntimeError: can't start new thread\n" }, { dockerignoreExcluded: null, appFile: "app.py" });
    expect(crashed.message).toContain("kept starting processes");
  });
});
