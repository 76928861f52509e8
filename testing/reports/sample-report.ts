import type { GradeReport } from "../../src/lab/result.ts";

// A 1×1 PNG, as the plot capture would hand it over.
export const TINY_PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

// One step of each status, with hostile student output, for the reporters' tests.
export function sampleReport(): GradeReport {
  return {
    labgradeVersion: "0.1.0",
    submission: { name: "alice", path: "/subs/alice" },
    evidence: "live",
    startedAt: "2025-01-01T10:00:00.000Z",
    timings: { evidenceMs: 1200, buildMs: 30_000, runMs: 8000, totalMs: 41_500 },
    steps: [
      { id: "docker-engine", kind: "engine", source: "live", title: "The Docker client and an engine answer", status: "passed", points: 10, maxPoints: 10, message: "Client 27.1 and engine 27.1 answered." },
      {
        id: "hello-world-ran",
        kind: "engine",
        source: "live",
        title: "hello-world ran and printed its greeting",
        status: "failed",
        points: 0,
        maxPoints: 10,
        message: "Expected `Hello from Docker!`; found <script>alert('x')</script> ]]> in the output.",
        hint: "Run `docker run hello-world` & read what it prints.",
      },
      { id: "pythonapp-build", kind: "app", source: "docker", title: "The Dockerfile builds", status: "error", points: 0, maxPoints: 10, message: "The engine went away during the build.", details: "ECONNRESET /var/run/docker.sock" },
      { id: "pythonapp-output", kind: "app", source: "docker", title: "The app prints the squaring function's numbers and exits 0", status: "skipped", points: 0, maxPoints: 15, message: "The image did not build." },
    ],
    score: 10,
    maxScore: 45,
    app: {
      stdout: "This is the squaring function\n<script>alert(1)</script>\n",
      stderr: "\u001b[31mWarning\u001b[0m",
      exitCode: 0,
      plots: [
        { figure: 1, trigger: "show", pngBase64: TINY_PNG },
        { figure: 2, trigger: "exit", pngBase64: "\"><script>alert(2)</script>" },
      ],
    },
  };
}
