import { JOURNAL_SCHEMA, type ClassReport, type ClassReportRow } from "../../src/model/class-row.ts";

type Step = ClassReportRow["steps"][number];

const STEPS: ClassReport["steps"] = [
  { id: "docker-engine", title: "The Docker client and an engine answer", points: 10 },
  { id: "hello-world-ran", title: "hello-world ran and printed its greeting", points: 10 },
  { id: "pythonapp-build", title: "The Dockerfile builds", points: 10 },
  { id: "pythonapp-output", title: "The app prints the squaring function's numbers and exits 0", points: 15 },
];

const step = (index: number, status: Step["status"], points: number, message: string): Step => {
  const { id, title, points: maxPoints } = STEPS[index] ?? { id: "docker-engine", title: "?", points: 0 };
  return { id, title, status, points, maxPoints, message };
};

function row(student: string, fields: Partial<ClassReportRow>): ClassReportRow {
  return {
    schema: JOURNAL_SCHEMA,
    student,
    name: "",
    entry: `${student}.zip`,
    late: false,
    status: "graded",
    reason: null,
    steps: [],
    score: null,
    maxScore: 45,
    reportDir: `students/${student}`,
    plot: `students/${student}/plot-1.png`,
    signals: { containerIds: [], contentHash: `sha256:${student}`, handout: false },
    key: `key-${student}`,
    gradedAt: "2026-11-28T21:00:00.000Z",
    sameAs: [],
    ...fields,
  };
}

// Five students, one of each kind, with hostile names, entries, messages, reasons and paths, for the class reports' tests.
export function sampleClassReport(): ClassReport {
  return {
    title: "Docker lab — INF 201, autumn",
    generatedAt: "2026-11-28T23:59:00.000Z",
    labgradeVersion: "0.1.0",
    steps: STEPS,
    rubricDigest: "sha256:0123456789ab",
    rows: [
      row("alice", {
        name: "Zoë 学生",
        steps: [step(0, "passed", 10, "Client 27.1 and engine 27.1 answered."), step(1, "passed", 10, "Greeting found."), step(2, "passed", 10, "Built."), step(3, "passed", 15, "All 11 numbers, exit 0.")],
        score: 45,
        sameAs: ["eve"],
      }),
      row("bob", {
        name: "=cmd|' /C calc'!A0",
        entry: '=HYPERLINK("http://x")',
        late: true,
        steps: [
          step(0, "passed", 10, "Client 27.1 and engine 27.1 answered."),
          step(1, "failed", 0, "Expected `Hello from Docker!`; found <script>alert(1)</script> in the output."),
          step(2, "error", 0, "The engine went away during the build: \u001b[31mECONNRESET\u0007"),
          step(3, "skipped", 0, "The image did not build."),
        ],
        score: 10,
      }),
      row("carol", {
        name: "-2+3",
        entry: "+carol.rar",
        status: "rejected",
        reason: "The upload is not a zip archive: <script>alert(1)</script> ]]> @SUM(1)",
        reportDir: null,
        plot: null,
      }),
      row("dave", {
        name: "\u001b[31mred\u0007",
        entry: "\tdave.zip",
        status: "error",
        reason: "labgrade failed: the Docker engine went away\u001b]0;pwned\u0007",
        reportDir: "/etc",
        plot: "javascript:alert(1)",
      }),
      row("eve", {
        name: "<script>alert(1)</script>",
        steps: [step(0, "passed", 10, "ok"), step(1, "passed", 10, "ok"), step(2, "passed", 10, "ok"), step(3, "passed", 15, "ok")],
        score: 45,
        reportDir: "../../home/eve",
        plot: 'students/eve/"><img src=x onerror=alert(1)>.png',
        sameAs: ["alice", "=evil"],
      }),
    ],
  };
}
