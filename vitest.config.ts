import { defineConfig } from "vitest/config";
import { labReporters } from "./src/reports/vitest-lab-reporter.ts";

// Four projects: pure unit tests beside the code, harness tests that drive a real Docker engine, tests
// that need this machine's python tooling (a venv, the wheel cache: grading without an engine), and the
// lab-step suites a student runs against their own work. When the suites ran, the student's step table and
// score are printed last, after vitest's summary.
export default defineConfig({
  test: {
    reporters: labReporters("suites"),
    projects: [
      {
        test: {
          name: "unit",
          include: ["src/**/*.test.ts", "labs/**/*.test.ts", "testing/**/*.test.ts"],
          exclude: ["src/**/*.docker.test.ts", "src/**/*.machine.test.ts"],
        },
      },
      {
        test: {
          name: "docker",
          include: ["src/**/*.docker.test.ts"],
          testTimeout: 600_000,
          hookTimeout: 600_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: "machine",
          include: ["src/**/*.machine.test.ts"],
          testTimeout: 300_000,
          hookTimeout: 600_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: "suites",
          include: ["suites/*.test.ts"],
          globalSetup: ["suites/grade-once.ts"],
          hookTimeout: 900_000,
        },
      },
    ],
  },
});
