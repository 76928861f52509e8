import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

// A Canvas that answers labgrade's push as Canvas's API documents it, on 127.0.0.1, for the tests:
// - GET /api/v1/courses/:course_id/assignments/:id: the Assignment object (AssignmentsApiController#show).
// - GET …/assignments/:assignment_id/submissions?include[]=group&include[]=user&per_page=N: Submission objects with
//   `group` and `user`, paged
//   by the Link header's rel="next" (SubmissionsApiController#index; doc/api/pagination.md).
// - POST …/submissions/update_grades with grade_data[<student_id>][posted_grade|text_comment|group_comment|file_ids][]:
//   a Progress (SubmissionsApiController#bulk_update), done in the background; a group assignment graded as one
//   gives each grade to every member and a group comment to each (Assignment#grade_student, group_students), but
//   an excused member other than the one graded (`return if submission.user != original_student &&
//   submission.excused?`); a score posted for a student removes their excuse (Assignment#save_grade_to_submission:
//   `submission.excused = opts[:excused] && score.blank?`).
// - An excused submission is listed with `excused: true`, `grade: "EX"` and no score (Submission#excused).
// - GET /api/v1/progress/:id: the Progress, queued → running → completed (ProgressController#show).
// - POST …/submissions/:user_id/comments/files (name, size, content_type), then the upload (upload_params with the
//   file last, no token), a 301 to create_success, and a GET of it with the token (doc/api/file_uploads.md).
// - Throttling as doc/api/throttling.md: X-Rate-Limit-Remaining on every answer, "403 Forbidden (Rate Limit
//   Exceeded)" when turned away. Every request needs `Authorization: Bearer <token>` (doc/api/oauth.md) but the upload.

export interface FakeCanvasStudent {
  userId: number;
  name: string;
  score?: number | null;
  gradedAt?: string | null;
  excused?: boolean;
  group?: { id: number; name: string } | null;
}

export interface FakeCanvasOptions {
  token: string;
  course: number;
  assignment: { id: number; name: string; pointsPossible: number; gradeAsGroup?: boolean };
  students: FakeCanvasStudent[];
  /** How many polls a Progress stays queued or running before it completes (default 1). */
  pollsToComplete?: number;
  perPage?: number;
}

export interface FakeCanvas {
  url: string;
  /** Each student's score and when it was graded, as Canvas holds it now. */
  submission(userId: number): { score: number | null; gradedAt: string | null; excused: boolean };
  /** Comments posted on each student's submission, with their file names. */
  comments(userId: number): Array<{ text: string; files: string[]; group: boolean }>;
  /** Every request, as "METHOD path" with what labgrade sent it (headers and body, to look for the token). */
  requests: Array<{ line: string; authorization: string | undefined; body: string }>;
  /** Grade a student in "Canvas", as a TA would after labgrade graded (null: the grade cleared). */
  gradeByHand(userId: number, score: number | null, at: Date): void;
  /** Excuse a student in "Canvas", as the instructor would. */
  excuseByHand(userId: number, at: Date): void;
  /** Turn the next `count` requests away as throttled. */
  throttleNext(count: number): void;
  /** How many polls each Progress takes from now on before it completes. */
  setPollsToComplete(polls: number): void;
  /** Called on every request before it is answered (a test may stop the push there). */
  onRequest: ((line: string) => void) | null;
  close(): Promise<void>;
}

export async function startFakeCanvas(options: FakeCanvasOptions): Promise<FakeCanvas> {
  const subs = new Map(options.students.map((s) => [s.userId, { score: s.score ?? null, gradedAt: s.gradedAt ?? null, excused: s.excused ?? false, group: s.group ?? null }]));
  const comments = new Map<number, Array<{ text: string; files: string[]; group: boolean }>>();
  const files = new Map<number, { name: string; size: number; uuid: string; uploaded: boolean }>();
  const progresses = new Map<number, { polls: number; state: string; apply: () => void }>();
  let nextId = 1;
  let throttle = 0;
  let quota = 700;
  let pollsToComplete = options.pollsToComplete ?? 1;
  const fake: FakeCanvas = {
    url: "",
    submission: (userId) => {
      const s = subs.get(userId);
      return { score: s?.score ?? null, gradedAt: s?.gradedAt ?? null, excused: s?.excused ?? false };
    },
    comments: (userId) => comments.get(userId) ?? [],
    requests: [],
    gradeByHand: (userId, score, at) => void subs.set(userId, { ...subs.get(userId)!, score, excused: false, gradedAt: at.toISOString() }),
    excuseByHand: (userId, at) => void subs.set(userId, { ...subs.get(userId)!, score: null, excused: true, gradedAt: at.toISOString() }),
    throttleNext: (count) => void (throttle = count),
    setPollsToComplete: (polls) => void (pollsToComplete = polls),
    onRequest: null,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const assignmentPath = `/api/v1/courses/${options.course}/assignments/${options.assignment.id}`;

  const server: Server = createServer((req, res) => {
    void body(req).then((raw) => handle(req, res, raw).catch((error: Error) => send(res, 500, { errors: [{ message: error.message }] })));
  });

  async function handle(req: IncomingMessage, res: ServerResponse, raw: Buffer): Promise<void> {
    const url = new URL(req.url ?? "/", fake.url);
    const line = `${req.method} ${url.pathname}`;
    fake.requests.push({ line, authorization: req.headers.authorization, body: raw.toString("latin1") });
    fake.onRequest?.(line);
    quota -= 10;
    res.setHeader("X-Rate-Limit-Remaining", String(Math.max(quota, 0)));
    if (throttle > 0) {
      throttle--;
      res.setHeader("X-Rate-Limit-Remaining", "0.0");
      res.writeHead(403, { "Content-Type": "text/plain; charset=utf-8" }).end("403 Forbidden (Rate Limit Exceeded)\n");
      return;
    }
    // The upload step goes to upload_url without the token (doc/api/file_uploads.md, step 2).
    const upload = /^\/files_api\/upload\/(\d+)$/.exec(url.pathname);
    if (upload) return receiveUpload(res, req, raw, Number(upload[1]));
    if (req.headers.authorization !== `Bearer ${options.token}`) return send(res, 401, { errors: [{ message: "Invalid access token." }] });
    if (req.method === "GET" && url.pathname === assignmentPath) {
      const a = options.assignment;
      return send(res, 200, { id: a.id, name: a.name, course_id: options.course, points_possible: a.pointsPossible, grading_type: "points", group_category_id: a.gradeAsGroup ? 77 : null, grade_group_students_individually: false, published: true });
    }
    if (req.method === "GET" && url.pathname === `${assignmentPath}/submissions`) return listSubmissions(res, url);
    if (req.method === "POST" && url.pathname === `${assignmentPath}/submissions/update_grades`) return updateGrades(res, new URLSearchParams(raw.toString("utf8")));
    const progress = /^\/api\/v1\/progress\/(\d+)$/.exec(url.pathname);
    if (req.method === "GET" && progress) return pollProgress(res, Number(progress[1]));
    const commentFile = new RegExp(`^${assignmentPath}/submissions/(\\d+)/comments/files$`).exec(url.pathname);
    if (req.method === "POST" && commentFile) {
      const params = new URLSearchParams(raw.toString("utf8"));
      const id = nextId++;
      files.set(id, { name: params.get("name") ?? "", size: Number(params.get("size")), uuid: `uuid${id}`, uploaded: false });
      return send(res, 200, { upload_url: `${fake.url}/files_api/upload/${id}`, upload_params: { filename: params.get("name"), content_type: params.get("content_type"), key: `/submissions/${commentFile[1]}/${id}` } });
    }
    const created = /^\/api\/v1\/files\/(\d+)\/create_success$/.exec(url.pathname);
    if (req.method === "GET" && created) {
      const file = files.get(Number(created[1]));
      if (!file?.uploaded || url.searchParams.get("uuid") !== file.uuid) return send(res, 404, { errors: [{ message: "The specified resource does not exist." }] });
      return send(res, 200, { id: Number(created[1]), display_name: file.name, filename: file.name, "content-type": "text/html", size: file.size });
    }
    send(res, 404, { errors: [{ message: "The specified resource does not exist." }] });
  }

  function listSubmissions(res: ServerResponse, url: URL): void {
    const perPage = Number(url.searchParams.get("per_page") ?? options.perPage ?? 10);
    const page = Number(url.searchParams.get("page") ?? 1);
    const withGroup = url.searchParams.getAll("include[]").includes("group");
    const withUser = url.searchParams.getAll("include[]").includes("user");
    const names = new Map(options.students.map((s) => [s.userId, s.name]));
    const all = [...subs.entries()].map(([userId, s]) => ({ id: 5000 + userId, user_id: userId, assignment_id: options.assignment.id, score: s.score, grade: s.excused ? "EX" : s.score === null ? null : String(s.score), excused: s.excused, graded_at: s.gradedAt, workflow_state: s.score === null && !s.excused ? "submitted" : "graded", ...(withGroup ? { group: s.group ?? { id: null, name: null } } : {}), ...(withUser ? { user: { id: userId, name: names.get(userId), sortable_name: names.get(userId) } } : {}) }));
    const size = Math.min(perPage, options.perPage ?? perPage);
    if (page * size < all.length) {
      const next = new URL(url);
      next.searchParams.set("page", String(page + 1));
      res.setHeader("Link", `<${next.toString()}>; rel="next",<${url.toString()}>; rel="current"`);
    }
    send(res, 200, all.slice((page - 1) * size, page * size));
  }

  function updateGrades(res: ServerResponse, form: URLSearchParams): void {
    const data = new Map<number, { grade?: string; comment?: string; group: boolean; fileIds: number[] }>();
    for (const [key, value] of form) {
      const m = /^grade_data\[(\d+)\]\[(posted_grade|text_comment|group_comment|file_ids)\](\[\])?$/.exec(key);
      if (!m) return send(res, 400, { errors: [{ message: `unknown parameter ${key}` }] });
      const entry = data.get(Number(m[1])) ?? { group: false, fileIds: [] };
      if (m[2] === "posted_grade") entry.grade = value;
      if (m[2] === "text_comment") entry.comment = value;
      if (m[2] === "group_comment") entry.group = value === "true" || value === "1";
      if (m[2] === "file_ids") entry.fileIds.push(Number(value));
      data.set(Number(m[1]), entry);
    }
    if (data.size === 0) return void res.writeHead(400).end(JSON.stringify("'grade_data' parameter required"));
    const id = nextId++;
    const members = (userId: number) => {
      const group = subs.get(userId)?.group;
      return options.assignment.gradeAsGroup && group ? [...subs.entries()].filter(([, s]) => s.group?.id === group.id).map(([u]) => u) : [userId];
    };
    const apply = () => {
      for (const [userId, entry] of data) {
        const when = new Date().toISOString();
        const graded = members(userId).filter((u) => u === userId || !subs.get(u)!.excused);
        if (entry.grade !== undefined) for (const u of graded) subs.set(u, { ...subs.get(u)!, score: Number(entry.grade), excused: false, gradedAt: when });
        if (entry.comment !== undefined) {
          const names = entry.fileIds.map((f) => files.get(f)?.name ?? `unknown file ${f}`);
          for (const u of entry.group ? members(userId) : [userId]) comments.set(u, [...(comments.get(u) ?? []), { text: entry.comment, files: names, group: entry.group }]);
        }
      }
    };
    progresses.set(id, { polls: 0, state: "queued", apply });
    send(res, 200, progressJson(id, "queued"));
  }

  function pollProgress(res: ServerResponse, id: number): void {
    const p = progresses.get(id);
    if (!p) return send(res, 404, { errors: [{ message: "The specified resource does not exist." }] });
    p.polls++;
    if (p.state !== "completed" && p.polls > pollsToComplete) {
      p.apply();
      p.state = "completed";
    } else if (p.state === "queued") p.state = "running";
    send(res, 200, progressJson(id, p.state));
  }

  function progressJson(id: number, state: string) {
    return { id, context_id: options.assignment.id, context_type: "Assignment", user_id: 1, tag: "submissions_update", completion: state === "completed" ? 100 : 0, workflow_state: state, created_at: new Date().toISOString(), updated_at: new Date().toISOString(), message: null, url: `${fake.url}/api/v1/progress/${id}` };
  }

  async function receiveUpload(res: ServerResponse, req: IncomingMessage, raw: Buffer, id: number): Promise<void> {
    const file = files.get(id);
    if (!file) return send(res, 404, { errors: [{ message: "no such upload" }] });
    if (req.headers.authorization) return send(res, 400, { errors: [{ message: "the upload step takes no token" }] });
    const form = await new Response(new Uint8Array(raw), { headers: { "content-type": req.headers["content-type"] ?? "" } }).formData();
    const keys = [...form.keys()];
    // "The only addition is the `file` parameter which *must* be posted as the last parameter."
    if (keys.at(-1) !== "file" || !keys.includes("key")) return send(res, 400, { errors: [{ message: `upload_params then file last, got ${keys.join(",")}` }] });
    const data = form.get("file") as Blob;
    file.size = data.size;
    file.uploaded = true;
    res.writeHead(301, { Location: `${fake.url}/api/v1/files/${id}/create_success?uuid=${file.uuid}` }).end();
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}

function body(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function send(res: ServerResponse, status: number, json: unknown): void {
  res.writeHead(status, { "Content-Type": "application/json; charset=utf-8" }).end(JSON.stringify(json));
}
