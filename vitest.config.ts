import { defineConfig } from "vitest/config";

// Three projects: pure unit tests beside the code, harness tests that drive a real Docker engine,
// and the lab-step suites a student runs against their own work.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["src/**/*.test.ts"],
          exclude: ["src/**/*.docker.test.ts"],
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
          name: "suites",
          include: ["suites/*.test.ts"],
          globalSetup: ["suites/grade-once.ts"],
          hookTimeout: 900_000,
        },
      },
    ],
  },
});
