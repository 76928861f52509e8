import { describe, expect, it } from "vitest";
import { parseRubric } from "./rubric-file.ts";
import { handoutLab } from "../../testing/lab/lab-steps.ts";

describe("parseRubric", () => {
  it("changes the points it names and keeps the others", () => {
    const steps = parseRubric('{"points": {"pythonapp-output": 20}}', "rubric.json", handoutLab);
    expect(steps.find((s) => s.id === "pythonapp-output")?.points).toBe(20);
    expect(steps.find((s) => s.id === "pythonapp-plot")?.points).toBe(10);
  });
  it("rejects unknown ids, negative points and non-JSON, naming the problem", () => {
    expect(() => parseRubric('{"points": {"hello": 1}}', "r.json", handoutLab)).toThrow(/Unknown step id "hello"/);
    expect(() => parseRubric('{"points": {"docker-engine": -1}}', "r.json", handoutLab)).toThrow(/0 or more/);
    expect(() => parseRubric("{", "r.json", handoutLab)).toThrow(/Expected r.json to be JSON/);
  });
});

describe("rubric file versions", () => {
  it("reads a file that names labgrade.rubric/1, and one that names no schema (written before versions)", () => {
    expect(parseRubric('{"schema": "labgrade.rubric/1", "points": {"pythonapp-output": 20}}', "r.json", handoutLab).find((s) => s.id === "pythonapp-output")?.points).toBe(20);
    expect(parseRubric('{"points": {"pythonapp-output": 20}}', "r.json", handoutLab).find((s) => s.id === "pythonapp-output")?.points).toBe(20);
  });

  it("refuses a schema it does not know, naming it", () => {
    expect(() => parseRubric('{"schema": "labgrade.rubric/9", "points": {}}', "r.json", handoutLab)).toThrow(/labgrade\.rubric\/9/);
  });
});
