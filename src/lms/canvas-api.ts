import { OUTCOME_UNKNOWN_HINT, unexpected, type LmsRequest, type LmsResponse } from "./lms-http.ts";
import { lmsJson } from "./lms-json.ts";

/** The assignment as Canvas's API gives it (GET /api/v1/courses/:course_id/assignments/:id, the Assignment object). */
export interface CanvasAssignmentInfo {
  name: string;
  pointsPossible: number | null;
  gradingType: string;
  /** A group assignment graded as one: Canvas gives a grade to every member (group_category_id, not individually). */
  gradeAsGroup: boolean;
}

/** A submission (GET …/submissions?include[]=group&include[]=user): its user, score, when it was graded, its group. */
export interface CanvasSubmission {
  userId: string;
  /** The user's sortable name ("Doe, Jane"), as Canvas's gradebook shows it. */
  name: string;
  score: number | null;
  gradedAt: Date | null;
  /** Excused by the instructor (`excused: true`, grade "EX"): a score posted over it removes the excuse. */
  excused: boolean;
  group: { id: string; name: string } | null;
}

/** One student's grade for update_grades, with the comment and the files attached to it. */
export interface CanvasGradeUpdate {
  userId: string;
  postedGrade: number;
  comment?: string;
  groupComment?: boolean;
  fileIds?: string[];
}

export interface CanvasProgress {
  id: string;
  state: "queued" | "running" | "completed" | "failed";
  message: string | null;
}

type Send = (request: LmsRequest) => Promise<LmsResponse>;

const HINT = "Check --url, --course and --assignment against the assignment's address in Canvas (…/courses/<course>/assignments/<assignment>), and that CANVAS_TOKEN belongs to a teacher of the course.";

// Canvas's REST API, as documented in canvas-lms's controllers and doc/api (the sources are named on each call).
// The token goes in the Authorization header (doc/api/oauth.md), never in a URL.
export function canvasApi(baseUrl: string, course: string, assignment: string, token: string, send: Send) {
  const api = (path: string) => new URL(`/api/v1${path}`, baseUrl).toString();
  const auth = { Authorization: `Bearer ${token}` };
  const base = `/courses/${encodeURIComponent(course)}/assignments/${encodeURIComponent(assignment)}`;
  const json = async <T>(request: LmsRequest, what: string): Promise<{ body: T; response: LmsResponse }> => {
    const response = await send({ ...request, headers: { ...auth, ...request.headers } });
    // A server error on a write (a proxy's 502 while Canvas queued the job) leaves its outcome unknown.
    if (response.status >= 500 && !request.idempotent) throw unexpected("Canvas", what, response, OUTCOME_UNKNOWN_HINT);
    if (response.status < 200 || response.status >= 300) throw unexpected("Canvas", what, response, HINT);
    return { body: lmsJson<T>("Canvas", request.url, response, what), response };
  };

  return {
    // AssignmentsApiController#show.
    async assignment(): Promise<CanvasAssignmentInfo> {
      const { body } = await json<{ name: string; points_possible: number | null; grading_type: string; group_category_id: number | null; grade_group_students_individually?: boolean }>({ method: "GET", url: api(base), idempotent: true }, `return assignment ${assignment} of course ${course}`);
      return { name: body.name, pointsPossible: body.points_possible, gradingType: body.grading_type, gradeAsGroup: body.group_category_id !== null && body.group_category_id !== undefined && !body.grade_group_students_individually };
    },

    // SubmissionsApiController#index with include[]=group and include[]=user, every page (doc/api/pagination.md: the
    // Link header's rel="next").
    async submissions(): Promise<CanvasSubmission[]> {
      const found: CanvasSubmission[] = [];
      let url: string | null = `${api(`${base}/submissions`)}?include[]=group&include[]=user&per_page=100`;
      while (url) {
        const page: { body: Array<{ user_id: number; score: number | null; grade?: string | null; excused?: boolean | null; graded_at: string | null; group?: { id: number | null; name: string | null }; user?: { name?: string; sortable_name?: string } }>; response: LmsResponse } = await json({ method: "GET", url, idempotent: true }, `list the submissions of assignment ${assignment}`);
        for (const s of page.body) found.push({ userId: String(s.user_id), name: s.user?.sortable_name ?? s.user?.name ?? "", score: s.score, gradedAt: s.graded_at ? new Date(s.graded_at) : null, excused: s.excused === true || s.grade === "EX", group: s.group?.id ? { id: String(s.group.id), name: s.group.name ?? "" } : null });
        url = /<([^>]+)>;\s*rel="next"/.exec(page.response.headers.get("link") ?? "")?.[1] ?? null;
      }
      return found;
    },

    // SubmissionsApiController#bulk_update: POST …/submissions/update_grades with grade_data[<student_id>][posted_grade],
    // [text_comment], [group_comment], [file_ids][]; answers a Progress to poll. Not safe to repeat (each comment is
    // new), so only a request Canvas turned away is sent again.
    async updateGrades(grades: readonly CanvasGradeUpdate[]): Promise<CanvasProgress> {
      const form = new URLSearchParams();
      for (const g of grades) {
        form.append(`grade_data[${g.userId}][posted_grade]`, String(g.postedGrade));
        if (g.comment) form.append(`grade_data[${g.userId}][text_comment]`, g.comment);
        if (g.comment && g.groupComment) form.append(`grade_data[${g.userId}][group_comment]`, "true");
        for (const id of g.fileIds ?? []) form.append(`grade_data[${g.userId}][file_ids][]`, id);
      }
      const { body } = await json<ProgressJson>({ method: "POST", url: api(`${base}/submissions/update_grades`), body: form, idempotent: false }, `take ${grades.length} grades of assignment ${assignment}`);
      return progress(body);
    },

    // ProgressController#show: workflow_state queued, running, completed or failed.
    async progress(id: string): Promise<CanvasProgress> {
      const { body } = await json<ProgressJson>({ method: "GET", url: api(`/progress/${encodeURIComponent(id)}`), idempotent: true }, `report on progress ${id}`);
      return progress(body);
    },

    // SubmissionCommentsApiController#create_file, then doc/api/file_uploads.md: the upload_params posted to
    // upload_url with the file last and no token, then the redirect (or 201's Location) followed with the token.
    async uploadCommentFile(userId: string, name: string, data: Buffer, contentType: string): Promise<string> {
      const what = `take a comment file for user ${userId}`;
      const { body: ticket } = await json<{ upload_url: string; upload_params: Record<string, string> }>(
        { method: "POST", url: api(`${base}/submissions/${encodeURIComponent(userId)}/comments/files`), body: new URLSearchParams({ name, size: String(data.length), content_type: contentType }), idempotent: false },
        what,
      );
      const form = new FormData();
      for (const [key, value] of Object.entries(ticket.upload_params)) form.append(key, value);
      form.append("file", new Blob([data], { type: contentType }), name);
      const uploaded = await send({ method: "POST", url: ticket.upload_url, body: form, idempotent: false, redirect: "manual" });
      const location = uploaded.headers.get("location");
      if (uploaded.status >= 300 && uploaded.status < 400 && location) return String((await json<{ id: number }>({ method: "GET", url: new URL(location, ticket.upload_url).toString(), idempotent: true }, what)).body.id);
      if (uploaded.status === 201 && location) return String((await json<{ id: number }>({ method: "GET", url: new URL(location, ticket.upload_url).toString(), idempotent: true }, what)).body.id);
      if (uploaded.status >= 200 && uploaded.status < 300) return String(lmsJson<{ id: number }>("Canvas", ticket.upload_url, uploaded, what).id);
      throw unexpected("Canvas", what, uploaded, HINT);
    },
  };
}

export type CanvasApi = ReturnType<typeof canvasApi>;

interface ProgressJson {
  id: number;
  workflow_state: CanvasProgress["state"];
  message: string | null;
}

const progress = (body: ProgressJson): CanvasProgress => ({ id: String(body.id), state: body.workflow_state, message: body.message ?? null });
