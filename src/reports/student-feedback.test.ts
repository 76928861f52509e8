import { describe, expect, it } from "vitest";
import { sampleClassReport } from "../../testing/reports/class-sample-report.ts";
import { scrubHostPaths, studentFeedback } from "./student-feedback.ts";

const rows = () => new Map(sampleClassReport().rows.map((r) => [r.student, r]));

describe("studentFeedback", () => {
  it("gives the score, each missed step with its one-line hint, and where the full report is", () => {
    const bob = rows().get("bob")!;
    const withHint = { ...bob, steps: bob.steps.map((s) => (s.id === "hello-world-ran" ? { ...s, hint: "Run `docker run hello-world`\nand read its greeting." } : s)) };
    const text = studentFeedback(withHint);
    expect(text).not.toMatch(/ECONNRESET/);
    expect(text.split("\n")).toEqual([
      "Score: 10 / 45.",
      "Missed 2 steps:",
      "- hello-world ran and printed its greeting (0 / 10 pts): Run `docker run hello-world` and read its greeting.",
      "- The app prints the squaring function's numbers and exits 0 (0 / 15 pts): The image did not build.",
      "Not judged (labgrade's trouble, not counted against you): The Dockerfile builds.",
      "The full report is attached to this grade as labgrade-report.html.",
    ]);
  });

  it("gives steps missed for one reason one line", () => {
    const bob = rows().get("bob")!;
    const same = { ...bob, steps: bob.steps.map((s) => (s.status === "error" ? s : { ...s, status: "failed" as const, points: 0, hint: "Hand in evidence.json." })) };
    expect(studentFeedback(same).split("\n").slice(1, 3)).toEqual([
      "Missed 3 steps:",
      "- The Docker client and an engine answer; hello-world ran and printed its greeting; The app prints the squaring function's numbers and exits 0 (0 / 35 pts): Hand in evidence.json.",
    ]);
  });

  it("says every step passed for a full score, and never names the same-work signal", () => {
    const alice = rows().get("alice")!;
    expect(alice.sameAs).toEqual(["eve"]);
    const text = studentFeedback(alice);
    expect(text).toBe("Score: 45 / 45.\nEvery step passed.\nThe full report is attached to this grade as labgrade-report.html.");
    expect(text).not.toMatch(/\beve\b|same/i);
  });

  it("tells a rejected hand-in why it was not graded, and an error row only that it will be graded again", () => {
    expect(studentFeedback(rows().get("carol")!)).toMatch(/^Not graded: your hand-in could not be opened \(The upload is not a zip archive/);
    const dave = studentFeedback(rows().get("dave")!);
    expect(dave).toBe("Not graded yet: labgrade could not finish grading this hand-in (not your mistake). Your instructor will grade it again.");
    expect(dave).not.toMatch(/engine went away/);
  });

  it("never carries a path of the grading machine", () => {
    const bob = rows().get("bob")!;
    const leaky = { ...bob, steps: bob.steps.map((s) => ({ ...s, hint: "Fix /tmp/labgrade-x1/students/bob/app.py or C:\\Users\\grader\\lab (see /home/ta/out/report.html)" })) };
    const text = studentFeedback(leaky);
    expect(text).not.toMatch(/\/tmp|\/home|C:\\|grader/);
    expect(scrubHostPaths("see https://docs.docker.com/get-started/ and /scratch/grader/x")).toBe("see https://docs.docker.com/get-started/ and …");
    expect(scrubHostPaths("COPY . /app then CMD [\"python\", \"/app/app.py\"]")).toBe("COPY . /app then CMD [\"python\", \"/app/app.py\"]");
  });
});
