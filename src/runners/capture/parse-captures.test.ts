import { describe, expect, it } from "vitest";
import { parseCaptures } from "./parse-captures.ts";

const noPng = () => null;

// Written by labgrade_capture.py under matplotlib 3.6.3 (python image, Python 3.11): figure 1 saved then
// shown, figure 2 shown with nan and inf in its y data.
const REAL = `{"version": 1, "captures": [{"figure": 1, "trigger": "savefig", "png": "figure-1-savefig-1.png", "axes": [{"title": "Squaring Function", "xlabel": "Numerical", "ylabel": "Square", "lines": [{"x": [0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0], "y": [0.0, 1.0, 4.0, 9.0, 16.0, 25.0, 36.0, 49.0, 64.0, 81.0], "label": "x squared"}]}]}, {"figure": 1, "trigger": "show", "png": "figure-1-show-2.png", "axes": [{"title": "Squaring Function", "xlabel": "Numerical", "ylabel": "Square", "lines": [{"x": [0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0], "y": [0.0, 1.0, 4.0, 9.0, 16.0, 25.0, 36.0, 49.0, 64.0, 81.0], "label": "x squared"}]}]}, {"figure": 2, "trigger": "show", "png": "figure-2-show-3.png", "axes": [{"title": "two", "xlabel": "", "ylabel": "", "lines": [{"x": [1.0, 2.0, 3.0], "y": [null, null, 3.0], "label": null}]}]}]}`;

const squares = { x: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], y: [0, 1, 4, 9, 16, 25, 36, 49, 64, 81] };
const handoutAxes = { title: "Squaring Function", xlabel: "Numerical", ylabel: "Square", lines: [{ ...squares, label: "x squared" }] };

function file(captures: unknown[]): string {
  return JSON.stringify({ version: 1, captures });
}

function capture(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { figure: 1, trigger: "show", png: "figure-1-show-1.png", axes: [], ...overrides };
}

describe("parseCaptures", () => {
  it("maps a real captures.json, with the PNGs read by name", () => {
    const read: string[] = [];
    const plots = parseCaptures(REAL, (name) => {
      read.push(name);
      return `base64 of ${name}`;
    });
    expect(read).toEqual(["figure-1-savefig-1.png", "figure-1-show-2.png", "figure-2-show-3.png"]);
    expect(plots).toEqual([
      { figure: 1, trigger: "savefig", axes: [handoutAxes], pngBase64: "base64 of figure-1-savefig-1.png" },
      { figure: 1, trigger: "show", axes: [handoutAxes], pngBase64: "base64 of figure-1-show-2.png" },
      {
        figure: 2,
        trigger: "show",
        axes: [{ title: "two", xlabel: "", ylabel: "", lines: [{ x: [1, 2, 3], y: [Number.NaN, Number.NaN, 3], label: null }] }],
        pngBase64: "base64 of figure-2-show-3.png",
      },
    ]);
  });

  it("keeps a capture whose PNG could not be rendered or read", () => {
    const plots = parseCaptures(file([capture({ png: null }), capture({ trigger: "exit", png: "figure-1-exit-2.png" })]), noPng);
    expect(plots.map((p) => [p.trigger, p.pngBase64])).toEqual([
      ["show", null],
      ["exit", null],
    ]);
  });

  it("treats a readPng that throws as a missing PNG", () => {
    const plots = parseCaptures(file([capture()]), () => {
      throw new Error("gone");
    });
    expect(plots).toEqual([{ figure: 1, trigger: "show", axes: [], pngBase64: null }]);
  });

  it("reads only the PNG names the backend writes", () => {
    const asked: string[] = [];
    const names = ["../../etc/passwd", "/etc/passwd", "figure-1-show-1.png/../x.png", "figure-1-show-1.PNG", "evil.png", "figure-0-savefig-3.png"];
    const plots = parseCaptures(file(names.map((png) => capture({ png }))), (name) => {
      asked.push(name);
      return "png";
    });
    expect(asked).toEqual(["figure-0-savefig-3.png"]);
    expect(plots.map((p) => p.pngBase64)).toEqual([null, null, null, null, null, "png"]);
  });

  it.each([
    ["empty text", ""],
    ["not JSON", "Traceback (most recent call last):"],
    ["truncated JSON", REAL.slice(0, 200)],
    ["null", "null"],
    ["a list", "[]"],
    ["another version", JSON.stringify({ version: 2, captures: [capture()] })],
    ["no version", JSON.stringify({ captures: [capture()] })],
    ["captures not a list", JSON.stringify({ version: 1, captures: { 0: capture() } })],
  ])("gives [] for %s", (_name, text) => {
    expect(parseCaptures(text, noPng)).toEqual([]);
  });

  it("leaves out the entries that are not captures and keeps the rest", () => {
    const good = capture({ axes: [handoutAxes] });
    const bad = [
      null,
      42,
      "capture",
      [],
      capture({ figure: "1" }),
      capture({ figure: 1.5 }),
      capture({ figure: undefined }),
      capture({ trigger: "draw" }),
      capture({ trigger: undefined }),
      capture({ axes: "none" }),
      capture({ axes: undefined }),
      capture({ png: 7 }),
    ];
    const plots = parseCaptures(file([...bad, good]), noPng);
    expect(plots).toEqual([{ figure: 1, trigger: "show", axes: [handoutAxes], pngBase64: null }]);
  });

  it("leaves out axes and lines of the wrong shape inside a good capture", () => {
    const axes = [
      { ...handoutAxes, title: 3 },
      { ...handoutAxes, xlabel: null },
      { ...handoutAxes, lines: undefined },
      "axes",
      {
        ...handoutAxes,
        lines: [
          { x: [0, 1], y: ["0", "1"], label: null },
          { x: "0,1", y: [0, 1], label: null },
          { x: [0, 1], label: null },
          { x: [0, 1], y: [0, { n: 1 }], label: null },
          null,
          { x: [0, 1], y: [0, 1], label: 5 },
        ],
      },
    ];
    const plots = parseCaptures(file([capture({ axes })]), noPng);
    expect(plots[0]?.axes).toEqual([{ ...handoutAxes, lines: [{ x: [0, 1], y: [0, 1], label: null }] }]);
  });

  it("accepts negative and zero figure numbers (0: a figure pyplot did not manage)", () => {
    const plots = parseCaptures(file([capture({ figure: 0 }), capture({ figure: -3 })]), noPng);
    expect(plots.map((p) => p.figure)).toEqual([0, -3]);
  });
});
