import type { GradeReport } from "../lab/result.ts";
import { grade, type GradeOptions, type Submission } from "./grade.ts";
import { openGrader, type GraderOptions } from "./grader.ts";

// One grade with a grader of its own: what `labgrade grade` and the suites use.
export async function gradeSubmission(submission: Submission, options: GraderOptions & GradeOptions): Promise<GradeReport> {
  const grader = await openGrader(options);
  try {
    return await grade(grader, submission, options);
  } finally {
    await grader.close();
  }
}
