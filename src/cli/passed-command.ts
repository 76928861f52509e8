import { readFile } from "node:fs/promises";
import { HarnessError } from "../errors.ts";

export interface PassedOptions {
  /** The results.json a `labgrade grade --out DIR` wrote. */
  results: string;
}

// The fields of Gradescope's results.json (https://gradescope-autograders.readthedocs.io/en/latest/specs/) read here;
// labgrade's reporter tags each test with its step id.
interface ResultsTest {
  score?: number;
  max_score?: number;
  status?: string;
  output?: string;
  tags?: string[];
}

// `labgrade passed STEP --results FILE`: exit 0 when that step passed in a grade already made, 1 otherwise. It grades
// nothing: GitHub Classroom's command grader runs it once a rubric step, to give each step its points.
export async function passedCommand(step: string, options: PassedOptions, out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const text = await readFile(options.results, "utf8").catch((error: Error) => {
    throw new HarnessError("BAD_INPUT", `Expected the results of a grade at ${options.results}; ${error.message}.`, "The grade did not finish: its step in the log says why.");
  });
  const tests = readTests(text, options.results);
  const test = tests.find((t) => t.tags?.includes(step));
  if (!test) throw new HarnessError("BAD_INPUT", `Expected step \`${step}\` in ${options.results}; it holds ${tests.length} tests, none tagged with it (its steps: ${tests.flatMap((t) => t.tags ?? []).join(", ") || "none"}).`, "Check the step id against the lab the grade was made with (`labgrade labs`).");
  const passed = test.status === "passed";
  out.write(`${step}: ${passed ? "passed" : "not passed"} (${test.score ?? 0}/${test.max_score ?? 0} points)\n${test.output ?? ""}\n`);
  return passed ? 0 : 1;
}

function readTests(text: string, file: string): ResultsTest[] {
  try {
    const tests = (JSON.parse(text) as { tests?: unknown }).tests;
    if (Array.isArray(tests)) return tests as ResultsTest[];
  } catch {
    // reported below
  }
  throw new HarnessError("BAD_INPUT", `Expected ${file} to hold a grade's results.json (a "tests" list); it does not.`);
}
