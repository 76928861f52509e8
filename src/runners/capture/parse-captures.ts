import type { PlotAxes, PlotCapture, PlotLine } from "../types.ts";

type Trigger = PlotCapture["trigger"];
type JsonObject = Record<string, unknown>;

const TRIGGERS: readonly string[] = ["show", "savefig", "exit"] satisfies Trigger[];
// Only names labgrade_capture.py gives its PNGs reach readPng: a student's program can write this file too,
// and "../../etc/passwd" must not be read.
const PNG_NAME = /^figure-(?:0|-?[1-9]\d*)-(?:show|savefig|exit)-[1-9]\d*\.png$/;

// Maps captures.json (written by labgrade_capture.py in the app's container) to PlotCaptures. The student's
// program could have written anything there, so input of the wrong shape is dropped, never thrown: a file
// that is not the format gives [], an entry that is not a capture (or an axes or a line that is not one) is
// left out. readPng gets a PNG's file name and returns its base64, or null.
export function parseCaptures(json: string, readPng: (file: string) => string | null): PlotCapture[] {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return [];
  }
  if (!isObject(data) || data.version !== 1 || !Array.isArray(data.captures)) return [];
  return data.captures.flatMap((entry) => {
    const capture = toCapture(entry, readPng);
    return capture ? [capture] : [];
  });
}

function toCapture(entry: unknown, readPng: (file: string) => string | null): PlotCapture | null {
  if (!isObject(entry) || !Number.isSafeInteger(entry.figure) || !isTrigger(entry.trigger)) return null;
  if (!Array.isArray(entry.axes)) return null;
  if (entry.png !== null && typeof entry.png !== "string") return null;
  return {
    figure: entry.figure as number,
    trigger: entry.trigger,
    axes: entry.axes.flatMap((a) => {
      const axes = toAxes(a);
      return axes ? [axes] : [];
    }),
    pngBase64: typeof entry.png === "string" && PNG_NAME.test(entry.png) ? safeRead(readPng, entry.png) : null,
  };
}

function toAxes(entry: unknown): PlotAxes | null {
  if (!isObject(entry) || !Array.isArray(entry.lines)) return null;
  const { title, xlabel, ylabel } = entry;
  if (typeof title !== "string" || typeof xlabel !== "string" || typeof ylabel !== "string") return null;
  return {
    title,
    xlabel,
    ylabel,
    lines: entry.lines.flatMap((l) => {
      const line = toLine(l);
      return line ? [line] : [];
    }),
  };
}

function toLine(entry: unknown): PlotLine | null {
  if (!isObject(entry)) return null;
  const x = toNumbers(entry.x);
  const y = toNumbers(entry.y);
  if (!x || !y) return null;
  return { x, y, label: typeof entry.label === "string" ? entry.label : null };
}

// The backend writes a non-finite value (nan, inf) as null: it comes back as NaN, keeping x and y aligned.
function toNumbers(value: unknown): number[] | null {
  if (!Array.isArray(value)) return null;
  const numbers: number[] = [];
  for (const v of value) {
    if (typeof v === "number") numbers.push(v);
    else if (v === null) numbers.push(Number.NaN);
    else return null;
  }
  return numbers;
}

function safeRead(readPng: (file: string) => string | null, file: string): string | null {
  try {
    const png = readPng(file);
    return typeof png === "string" ? png : null;
  } catch {
    return null;
  }
}

function isTrigger(value: unknown): value is Trigger {
  return typeof value === "string" && TRIGGERS.includes(value);
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
