import { describe, expect, it } from "vitest";
import type { PlotAxes, PlotCapture, RunResult } from "../../../src/runners/types.ts";
import { appCheck } from "../../../testing/lab/lab-steps.ts";

const checkPythonappPlot = (run: RunResult | null) => appCheck("pythonapp-plot")({ run });

const XS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
const AXES: PlotAxes = { title: "Squaring Function", xlabel: "Numerical", ylabel: "Square", lines: [{ x: XS, y: XS.map((x) => x * x), label: null }] };
const capture = (axes: Partial<PlotAxes>): PlotCapture => ({ figure: 1, trigger: "show", axes: [{ ...AXES, ...axes }], pngBase64: null });
const run = (plots: PlotCapture[], over: Partial<RunResult> = {}): RunResult => ({ exitCode: 0, timedOut: false, oomKilled: false, durationMs: 1000, stdout: "", stderr: "", droppedBytes: 0, plots, ...over });

describe("checkPythonappPlot", () => {
  it("passes the handout's figure, with labels trimmed and float data", () => {
    expect(checkPythonappPlot(run([capture({})])).status).toBe("passed");
    expect(checkPythonappPlot(run([capture({ title: " Squaring Function ", lines: [{ x: XS.map((x) => x + 1e-12), y: XS.map((x) => x * x * 1.0), label: "y" }] })])).status).toBe("passed");
  });

  it("passes when any captured axes is right", () => {
    expect(checkPythonappPlot(run([capture({ title: "" }), capture({})])).status).toBe("passed");
  });

  it("fails when the app was not run or drew nothing", () => {
    expect(checkPythonappPlot(null)).toMatchObject({ status: "failed", message: "Expected a figure; the app was not run: the image did not build." });
    expect(checkPythonappPlot(run([]))).toMatchObject({ status: "failed", message: "Expected a figure; no figure was drawn.", hint: "Draw it as the handout does: `pl.plot(x, y)` and then `pl.show()`." });
    expect(checkPythonappPlot(run([], { exitCode: 1 })).message).toBe("Expected a figure; no figure was drawn (the app exited with code 1 first: see `pythonapp-output`).");
  });

  it("names wrong or missing labels", () => {
    const result = checkPythonappPlot(run([capture({ title: "Squaring function", xlabel: "", ylabel: "Squares" })]));
    expect(result.status).toBe("failed");
    expect(result.message).toContain("; the title is `Squaring function` (only the case differs); there is no x label; the y label is `Squares`.");
    expect(result.hint).toBe("Use `pl.title('Squaring Function')`. Use `pl.xlabel('Numerical')`. Use `pl.ylabel('Square')`.");
  });

  it("shows the first values of wrong data", () => {
    const result = checkPythonappPlot(run([capture({ lines: [{ x: XS, y: XS.map((x) => 2 * x), label: null }, { x: [0], y: [0], label: null }] })]));
    expect(result.message).toContain("; 2 lines; the first has x = 0, 1, 2, 3, 4, … (10 numbers) and y = 0, 2, 4, 6, 8, … (10 numbers).");
    expect(checkPythonappPlot(run([capture({ lines: [] })])).message).toContain("; the figure has no line.");
    expect(checkPythonappPlot(run([capture({ lines: [{ x: XS.slice(0, 5), y: [0, 1, 4, 9, 16], label: null }] })])).status).toBe("failed");
  });
});
