import { HarnessError } from "../errors.ts";
import { unexpected, type LmsRequest, type LmsResponse } from "./lms-http.ts";
import { lmsJson } from "./lms-json.ts";

/** The assignment as mod_assign_get_assignments gives it. */
export interface MoodleAssignmentInfo {
  /** The assignment's instance id, which the other functions take (not the course module id of its address). */
  id: string;
  name: string;
  /** The maximum grade; negative when the assignment is graded on a scale (its id, negated). */
  grade: number;
  teams: boolean;
  blind: boolean;
}

/** A participant as mod_assign_list_participants gives them: the user id, full name and, for a team assignment, the group. */
export interface MoodleParticipant {
  userId: string;
  fullName: string;
  groupId: string | null;
  /** The assignment's participant id (`recordid`, newer Moodles): the number in the export's folder names. */
  recordId: string | null;
}

/** A warning beside an answer (external_warnings): what Moodle did not do, and on which item. */
export interface MoodleWarning {
  item: string | null;
  itemId: string | null;
  code: string;
  message: string;
}

/** mod_assign_get_grades's answer: the grades it listed, by user id, and its warnings. */
export interface MoodleGrades {
  /** Null when Moodle listed nothing for the assignment (only warnings): what it holds is unknown. */
  grades: Map<string, MoodleGrade> | null;
  warnings: MoodleWarning[];
}

/** A grade as mod_assign_get_grades gives it: the latest attempt's, and when it was last changed. */
export interface MoodleGrade {
  grade: number | null;
  modified: Date;
}

/** One grade for mod_assign_save_grades, with the feedback comment (HTML) and a draft area of feedback files. */
export interface MoodleGradeUpdate {
  userId: string;
  grade: number;
  commentHtml: string;
  draftItemId?: string;
}

type Send = (request: LmsRequest) => Promise<LmsResponse>;

const HINT = "Check --url, --course and --assignment (the id in the assignment's address, mod/assign/view.php?id=<id>), and that MOODLE_TOKEN is a web service token of a teacher of the course with the mod_assign functions enabled.";

// Moodle's REST web services (webservice/rest/server.php, moodlewsrestformat=json). Parameters go in the POST body as
// PHP arrays (`grades[0][userid]=…`), the token too (wstoken), never in a URL. A failure comes back as HTTP 200 with
// {exception, errorcode, message} (webservice/rest/locallib.php), which is turned into an error here.
export function moodleApi(baseUrl: string, token: string, send: Send) {
  const server = new URL("webservice/rest/server.php", baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`).toString();
  const scrub = (text: string): string => (token ? text.split(token).join("…") : text);
  async function call<T>(wsfunction: string, params: Array<[string, string]>, idempotent: boolean, what: string): Promise<T> {
    const body = new URLSearchParams([["wstoken", token], ["wsfunction", wsfunction], ["moodlewsrestformat", "json"], ...params]);
    const response = await send({ method: "POST", url: server, body, idempotent });
    if (response.status !== 200) throw unexpected("Moodle", what, response, HINT);
    const parsed = lmsJson<T | { exception: string; errorcode: string; message: string }>("Moodle", server, response, what);
    // Moodle's words, scrubbed as everything shown is: an exception may quote what it was sent.
    if (parsed && typeof parsed === "object" && "exception" in parsed) throw new HarnessError("LMS_FAILED", `Expected Moodle to ${what}; ${wsfunction} answered ${scrub(`${parsed.errorcode}: ${parsed.message}`)}.`, HINT);
    return parsed as T;
  }

  return {
    // mod_assign_get_assignments(courseids[]): the assignment whose course module id is the one in its address.
    async assignment(course: string, cmid: string): Promise<MoodleAssignmentInfo> {
      const what = `list the assignments of course ${course}`;
      const result = await call<{ courses: Array<{ assignments: Array<{ id: number; cmid: number; name: string; grade: number; teamsubmission: number; blindmarking: number; revealidentities: number }> }> }>("mod_assign_get_assignments", [["courseids[0]", course]], true, what);
      const found = result.courses.flatMap((c) => c.assignments).find((a) => String(a.cmid) === cmid || String(a.id) === cmid);
      if (!found) throw new HarnessError("LMS_FAILED", `Expected course ${course} to have the assignment of mod/assign/view.php?id=${cmid}; its assignments are ${result.courses.flatMap((c) => c.assignments).map((a) => `${a.name} (id=${a.cmid})`).join(", ") || "none the token can see"}.`, HINT);
      return { id: String(found.id), name: found.name, grade: found.grade, teams: found.teamsubmission === 1, blind: found.blindmarking === 1 && found.revealidentities !== 1 };
    },

    // mod_assign_list_participants(assignid, groupid, filter, skip, limit, onlyids, includeenrolments).
    async participants(assignid: string): Promise<MoodleParticipant[]> {
      const params: Array<[string, string]> = [["assignid", assignid], ["groupid", "0"], ["filter", ""], ["skip", "0"], ["limit", "0"], ["onlyids", "0"], ["includeenrolments", "0"]];
      // recordid: "Unique id is required for blind marking" ($userdetails['recordid'] = $record->recordid), the
      // assignment's participant id, which newer Moodles return.
      const result = await call<Array<{ id: number; fullname: string; groupid?: number; recordid?: number | null }>>("mod_assign_list_participants", params, true, `list the participants of assignment ${assignid}`);
      return result.map((p) => ({ userId: String(p.id), fullName: p.fullname, groupId: p.groupid ? String(p.groupid) : null, recordId: p.recordid === undefined || p.recordid === null ? null : String(p.recordid) }));
    },

    // mod_assign_get_grades(assignmentids[]): grade is a string ("85.00000"; a negative grade means none), timemodified
    // in seconds. An assignment it lists no grade for is left out, with a warning instead (code 3, "No grades found";
    // code 1 when the token may not see them): never read as "no grades".
    async grades(assignid: string): Promise<MoodleGrades> {
      const result = await call<{ assignments?: Array<{ assignmentid: number; grades: Array<{ userid: number; grade: string; timemodified: number }> }>; warnings?: Array<{ item?: string; itemid?: number; warningcode: string; message: string }> }>("mod_assign_get_grades", [["assignmentids[0]", assignid]], true, `list the grades of assignment ${assignid}`);
      const warnings = (result.warnings ?? []).map((w) => ({ item: w.item ?? null, itemId: w.itemid === undefined ? null : String(w.itemid), code: String(w.warningcode), message: scrub(w.message) }));
      const listed = (result.assignments ?? []).find((a) => String(a.assignmentid) === assignid);
      if (!listed) return { grades: null, warnings };
      const found = new Map<string, MoodleGrade>();
      for (const g of listed.grades) {
        const value = Number(g.grade);
        found.set(String(g.userid), { grade: g.grade === "" || !Number.isFinite(value) || value < 0 ? null : value, modified: new Date(g.timemodified * 1000) });
      }
      return { grades: found, warnings };
    },

    // mod_assign_save_grades(assignmentid, applytoall, grades[]: userid, grade, attemptnumber (-1: the latest),
    // addattempt, workflowstate, plugindata[assignfeedbackcomments_editor][text|format] (format 1 is HTML),
    // plugindata[files_filemanager] (a draft area's item id)). Setting a grade and a comment again is harmless, so a
    // failed request is retried. It answers null whatever became of each grade (save_grade's result is dropped), so
    // what Moodle kept is read back with grades().
    async saveGrades(assignid: string, grades: readonly MoodleGradeUpdate[]): Promise<void> {
      const params: Array<[string, string]> = [["assignmentid", assignid], ["applytoall", "0"]];
      grades.forEach((g, i) => {
        const at = `grades[${i}]`;
        params.push([`${at}[userid]`, g.userId], [`${at}[grade]`, String(g.grade)], [`${at}[attemptnumber]`, "-1"], [`${at}[addattempt]`, "0"], [`${at}[workflowstate]`, ""]);
        params.push([`${at}[plugindata][assignfeedbackcomments_editor][text]`, g.commentHtml], [`${at}[plugindata][assignfeedbackcomments_editor][format]`, "1"]);
        if (g.draftItemId) params.push([`${at}[plugindata][files_filemanager]`, g.draftItemId]);
      });
      await call<null>("mod_assign_save_grades", params, true, `save ${grades.length} grades of assignment ${assignid}`);
    },

    // webservice/upload.php (token, filearea=draft, itemid=0, the file): a new draft area, answered as a JSON array
    // of the stored files, each with its itemid; a refused file has error instead.
    async uploadDraft(name: string, data: Buffer, contentType: string): Promise<string> {
      const form = new FormData();
      form.append("token", token);
      form.append("filearea", "draft");
      form.append("itemid", "0");
      form.append("file_1", new Blob([data], { type: contentType }), name);
      const url = new URL("webservice/upload.php", baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`).toString();
      const response = await send({ method: "POST", url, body: form, idempotent: false });
      const what = `store ${name} in a draft area`;
      if (response.status !== 200) throw unexpected("Moodle", what, response, HINT);
      const stored = lmsJson<Array<{ itemid?: number; error?: string }> | { error?: string; exception?: string; message?: string }>("Moodle", url, response, what);
      const first = Array.isArray(stored) ? stored[0] : undefined;
      if (first?.itemid === undefined) throw unexpected("Moodle", what, response, `${HINT} The web service must allow file uploads.`);
      return String(first.itemid);
    },
  };
}

export type MoodleApi = ReturnType<typeof moodleApi>;
