import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

// A Moodle that answers labgrade's push as its web services document it (mod/assign/externallib.php), on
// 127.0.0.1, for the tests. POST webservice/rest/server.php with wstoken, wsfunction and moodlewsrestformat=json,
// the parameters as PHP arrays in the body; a failure is HTTP 200 with {exception, errorcode, message}.
// - mod_assign_get_assignments(courseids[]): {courses: [{id, …, assignments: [{id, cmid, name, grade, teamsubmission,
//   blindmarking, revealidentities, …}]}], warnings}.
// - mod_assign_list_participants(assignid, groupid, filter, skip, limit, onlyids, includeenrolments): [{id, fullname,
//   groupid?, groupname?, submitted, requiregrading, recordid?}]; recordid, the participant id, in newer Moodles
//   ("Unique id is required for blind marking", $userdetails['recordid'] = $record->recordid): given per participant.
// - mod_assign_get_grades(assignmentids[]): {assignments: [{assignmentid, grades: [{id, userid, attemptnumber,
//   timecreated, timemodified, grader, grade: "85.00000"}]}], warnings}, for users with a submission of their own
//   (its SQL joins assign_grades to assign_submission by userid): a team assignment's members have none. An
//   assignment with no grade listed is left out of `assignments`, with the warning {item: "assignment", itemid,
//   warningcode: "3", message: "No grades found"}, as get_grades does for each requested id it found none for.
// - mod_assign_save_grades(assignmentid, applytoall, grades[][userid|grade|attemptnumber|addattempt|workflowstate|
//   plugindata[assignfeedbackcomments_editor][text|format]|plugindata[files_filemanager]]): null, whatever became of
//   each grade (mod/assign/externallib.php drops save_grade's result). Like assign::update_grade, it ignores a grade
//   above the assignment's maximum or below 0, and a participant whose grade is locked or overridden in the gradebook
//   (grading_disabled()) keeps theirs.
// - webservice/upload.php (token, filearea=draft, itemid, the files): [{component, contextid, userid, filearea,
//   filename, filepath, itemid, license, author, source}].

export interface FakeMoodleParticipant {
  userId: number;
  fullName: string;
  group?: { id: number; name: string };
  grade?: number | null;
  modified?: Date;
  /** The assignment's participant id, returned as list_participants' recordid (absent: an older Moodle). */
  recordId?: number;
  /** The grade is locked or overridden in the gradebook: save_grades leaves it as it is. */
  locked?: boolean;
}

export interface FakeMoodleOptions {
  token: string;
  course: number;
  assignment: { id: number; cmid: number; name: string; grade: number; teams?: boolean };
  participants: FakeMoodleParticipant[];
}

export interface FakeMoodle {
  url: string;
  grade(userId: number): { grade: number | null; modified: Date | null; comment: string | null; files: string[] };
  requests: Array<{ line: string; body: string }>;
  gradeByHand(userId: number, grade: number, at: Date): void;
  onRequest: ((line: string) => void) | null;
  close(): Promise<void>;
}

export async function startFakeMoodle(options: FakeMoodleOptions): Promise<FakeMoodle> {
  const grades = new Map(options.participants.map((p) => [p.userId, { grade: p.grade ?? null, modified: p.modified ?? null, comment: null as string | null, files: [] as string[] }]));
  const drafts = new Map<number, string[]>();
  let nextDraft = 1000;
  const fake: FakeMoodle = {
    url: "",
    grade: (userId) => grades.get(userId) ?? { grade: null, modified: null, comment: null, files: [] },
    requests: [],
    gradeByHand: (userId, grade, at) => void grades.set(userId, { ...grades.get(userId)!, grade, modified: at }),
    onRequest: null,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => void handle(req, res, Buffer.concat(chunks)).catch((error: Error) => send(res, { exception: "coding_exception", errorcode: "codingerror", message: error.message })));
  });

  async function handle(req: IncomingMessage, res: ServerResponse, raw: Buffer): Promise<void> {
    const url = new URL(req.url ?? "/", fake.url);
    fake.requests.push({ line: `${req.method} ${url.pathname}${url.search}`, body: raw.toString("latin1") });
    fake.onRequest?.(`${req.method} ${url.pathname}`);
    if (req.method === "POST" && url.pathname === "/moodle/webservice/upload.php") return upload(req, res, raw);
    if (req.method !== "POST" || url.pathname !== "/moodle/webservice/rest/server.php") return void res.writeHead(404).end("Not found");
    const p = new URLSearchParams(raw.toString("utf8"));
    if (p.get("moodlewsrestformat") !== "json") return void res.writeHead(200, { "Content-Type": "application/xml" }).end("<?xml version=\"1.0\"?><RESPONSE/>");
    if (p.get("wstoken") !== options.token) return send(res, { exception: "moodle_exception", errorcode: "invalidtoken", message: "Invalid token - token not found" });
    const a = options.assignment;
    switch (p.get("wsfunction")) {
      case "mod_assign_get_assignments":
        return send(res, { courses: p.get("courseids[0]") === String(options.course) ? [{ id: options.course, fullname: "Course", shortname: "C", timemodified: 0, assignments: [{ id: a.id, cmid: a.cmid, course: options.course, name: a.name, grade: a.grade, teamsubmission: a.teams ? 1 : 0, blindmarking: 0, revealidentities: 0, configs: [] }] }] : [], warnings: [] });
      case "mod_assign_list_participants":
        if (p.get("assignid") !== String(a.id)) return send(res, { exception: "dml_missing_record_exception", errorcode: "invalidrecord", message: "Can't find data record in database table assign." });
        return send(res, options.participants.map((x) => ({ id: x.userId, fullname: x.fullName, submitted: true, requiregrading: true, ...(x.group ? { groupid: x.group.id, groupname: x.group.name } : {}), ...(x.recordId !== undefined ? { recordid: x.recordId } : {}) })));
      case "mod_assign_get_grades": {
        const requested = Number(p.get("assignmentids[0]"));
        const listed = requested === a.id ? [...grades.entries()].filter(([, g]) => g.modified && !a.teams).map(([userid, g], i) => ({ id: i + 1, userid, attemptnumber: 0, timecreated: 0, timemodified: Math.floor(g.modified!.getTime() / 1000), grader: 2, grade: (g.grade ?? -1).toFixed(5) })) : [];
        if (listed.length === 0) return send(res, { assignments: [], warnings: [{ item: "assignment", itemid: requested, warningcode: "3", message: "No grades found" }] });
        return send(res, { assignments: [{ assignmentid: a.id, grades: listed }], warnings: [] });
      }
      case "mod_assign_save_grades":
        return saveGrades(res, p);
      default:
        return send(res, { exception: "dml_missing_record_exception", errorcode: "invalidrecord", message: "Can't find data record in database table external_functions." });
    }
  }

  function saveGrades(res: ServerResponse, p: URLSearchParams): void {
    if (p.get("assignmentid") !== String(options.assignment.id) || !["0", "1"].includes(p.get("applytoall") ?? "")) return send(res, { exception: "invalid_parameter_exception", errorcode: "invalidparameter", message: "Invalid parameter value detected" });
    for (let i = 0; p.has(`grades[${i}][userid]`); i++) {
      const at = (k: string) => p.get(`grades[${i}]${k}`);
      for (const k of ["[grade]", "[attemptnumber]", "[addattempt]", "[workflowstate]"]) if (at(k) === null) return send(res, { exception: "invalid_parameter_exception", errorcode: "invalidparameter", message: `Invalid parameter value detected (grades => Invalid parameter value detected (Missing required key in single structure: ${k.slice(1, -1)}))` });
      const userId = Number(at("[userid]"));
      const known = grades.get(userId);
      if (!known) return send(res, { exception: "moodle_exception", errorcode: "usernotincourse", message: "User is not enrolled in course" });
      const draft = at("[plugindata][files_filemanager]");
      const grade = Number(at("[grade]"));
      if (grade > options.assignment.grade || grade < 0 || options.participants.find((x) => x.userId === userId)?.locked) continue;
      grades.set(userId, { grade, modified: new Date(), comment: at("[plugindata][assignfeedbackcomments_editor][text]"), files: draft ? (drafts.get(Number(draft)) ?? []) : known.files });
    }
    send(res, null);
  }

  async function upload(req: IncomingMessage, res: ServerResponse, raw: Buffer): Promise<void> {
    const form = await new Response(new Uint8Array(raw), { headers: { "content-type": req.headers["content-type"] ?? "" } }).formData();
    if (form.get("token") !== options.token) return send(res, { error: "Invalid token - token not found", errorcode: "invalidtoken" });
    if (form.get("filearea") !== "draft") return send(res, { error: "Private files upload is deprecated", errorcode: "privatefilesupload" });
    const itemid = Number(form.get("itemid")) > 0 ? Number(form.get("itemid")) : nextDraft++;
    const stored = [...form.entries()].filter(([, v]) => typeof v !== "string").map(([, v]) => {
      const name = (v as File).name;
      drafts.set(itemid, [...(drafts.get(itemid) ?? []), name]);
      return { component: "user", contextid: 5, userid: 2, filearea: "draft", filename: name, filepath: "/", itemid, license: "allrightsreserved", author: "Teacher", source: `O:8:"stdClass":1:{s:6:"source";s:${name.length}:"${name}";}` };
    });
    send(res, stored);
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/moodle`;
  return fake;
}

function send(res: ServerResponse, json: unknown): void {
  res.writeHead(200, { "Content-Type": "application/json; charset=utf-8" }).end(JSON.stringify(json));
}
