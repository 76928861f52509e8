import { HarnessError } from "../errors.ts";
import { baseName } from "../intake/entry-path.ts";
import { moodleFileName, moodleGroupFileName } from "../intake/lms-file-names.ts";
import { MOODLE_WORKSHEET_HINT, type MoodleWorksheet, type WorksheetParticipant } from "../intake/moodle-worksheet.ts";
import type { HandedIn, Member, Members } from "./lms-members.ts";

// With "Students submit in groups", Moodle's download (mod/assign/classes/downloader.php, get_student_prefix)
// names each group's folder `<group name>_<group id>_assignsubmission_<plugin>`, and the students in no group share
// one named by the language's 'defaultteam' string, without an id: `Default group_assignsubmission_file`.
const DEFAULT_TEAM = "Default group";
const DEFAULT_TEAM_ENTRY = /^Default group_assignsubmission_[a-z0-9]+(?:_|$)/;
const isDefaultTeam = (item: HandedIn): boolean => item.entries.some((e) => DEFAULT_TEAM_ENTRY.test(baseName(e)));

const TEAM_EXPORT = "its other folders are named by group id, not participant id, and a grade keyed by them would reach the wrong participant or none";

// Who each Moodle hand-in's grade goes to. Without the worksheet, the participant id of the folder's name; with it,
// each id is checked against the worksheet's participants, and a team export's groups become their members.
export function moodleMembers<T extends HandedIn>(items: readonly T[], worksheet: MoodleWorksheet | undefined): Members<T> {
  const result: Members<T> = { members: [], omitted: [], notes: [] };
  const team = items.find(isDefaultTeam);
  if (!worksheet) {
    if (team) throw teamExport(`found "${team.entries[0]}", the folder Moodle's download writes for the students in no group of a team assignment ("Students submit in groups"): ${TEAM_EXPORT}`);
    for (const item of items) {
      if (item.identity?.lms === "moodle") result.members.push({ item, member: { lmsId: item.identity.participantId, name: item.identity.fullName || item.name, group: null } });
      else result.omitted.push({ student: item.student, why: "not from a Moodle export: its entry names carry no participant id" });
    }
    if (result.members.length > 0) result.notes.push("moodle-grades.csv is keyed by the participant ids of the export's folder names alone: with \"Students submit in groups\" on, those ids are groups'. Pass --moodle-worksheet (View all submissions › Grading action › Download grading worksheet) and labgrade checks each id against the assignment's participants.");
    return result;
  }
  if (team && !worksheet.teams) throw teamExport(`found "${team.entries[0]}", the folder of a team assignment's students in no group, but ${worksheet.file} has no Group column: it is the worksheet of another assignment`);
  const byId = new Map(worksheet.participants.map((p) => [p.participantId, p]));
  const byGroup = new Map<string, WorksheetParticipant[]>();
  for (const p of worksheet.participants) if (p.group !== null) byGroup.set(moodleGroupFileName(p.group), [...(byGroup.get(moodleGroupFileName(p.group)) ?? []), p]);
  const member = (p: WorksheetParticipant, group: string | null): Member => ({ lmsId: p.participantId, name: p.fullName, group });
  for (const item of items) {
    const identity = item.identity?.lms === "moodle" ? item.identity : null;
    const group = isDefaultTeam(item) ? (byGroup.get(DEFAULT_TEAM) ?? []) : identity && worksheet.teams ? byGroup.get(moodleGroupFileName(identity.fullName)) : undefined;
    if (group && group.length > 0) {
      for (const p of group) result.members.push({ item, member: member(p, p.group) });
      continue;
    }
    if (!identity) {
      result.omitted.push({ student: item.student, why: isDefaultTeam(item) ? `no participant of ${worksheet.file} is in the "${DEFAULT_TEAM}"` : "not from a Moodle export: its entry names carry no participant id" });
      continue;
    }
    const p = byId.get(identity.participantId);
    const named = identity.fullName === "" || (p !== undefined && moodleFileName(p.fullName) === moodleFileName(identity.fullName));
    if (p && named && !worksheet.teams) result.members.push({ item, member: member(p, null) });
    else if (worksheet.teams) result.omitted.push({ student: item.student, why: `its folder names the group "${identity.fullName}", which no participant of ${worksheet.file} is in` });
    else if (!p) result.omitted.push({ student: item.student, why: `participant ${identity.participantId} is not in ${worksheet.file}` });
    else result.omitted.push({ student: item.student, why: `participant ${identity.participantId} is "${p.fullName}" in ${worksheet.file}, but the export's folder says "${identity.fullName}"` });
  }
  const moodleItems = items.filter((i) => i.identity?.lms === "moodle");
  if (result.members.length === 0 && moodleItems.length > 0) {
    throw new HarnessError(
      "BAD_INPUT",
      `Expected the export's folders to name participants (or, for a team assignment, groups) of ${worksheet.file}; none does (${result.omitted.slice(0, 3).map((o) => `${o.student}: ${o.why}`).join("; ")}).`,
      `Download the grading worksheet of the same assignment as the submissions. ${MOODLE_WORKSHEET_HINT}`,
    );
  }
  return result;
}

function teamExport(found: string): HarnessError {
  return new HarnessError(
    "BAD_INPUT",
    `Expected a Moodle export with one folder per participant; ${found}.`,
    `Download the assignment's grading worksheet and pass it with --moodle-worksheet: labgrade then writes a grade for each member of each group. ${MOODLE_WORKSHEET_HINT}`,
  );
}
