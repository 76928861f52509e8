import { HarnessError } from "../errors.ts";
import { CANVAS_GROUPS_HINT, type CanvasGroupSet } from "../intake/canvas-groups.ts";
import type { CanvasGradebook } from "../intake/canvas-gradebook.ts";
import { canvasFileName } from "../intake/lms-file-names.ts";
import type { HandedIn, Members } from "./lms-members.ts";

// Who each Canvas hand-in's grade goes to. A group assignment's "Download submissions" (lib/content_zipper.rb, with
// Assignment#representatives) gives each group one entry, named after the group and carrying one member's user id;
// with the group set export, that entry becomes a grade for every member. With the gradebook export but no group
// set, an entry whose name is not its student's is such a group's, and labgrade refuses rather than grade one member.
export function canvasMembers<T extends HandedIn>(items: readonly T[], inputs: { gradebook?: CanvasGradebook; groups?: CanvasGroupSet }): Members<T> {
  const result: Members<T> = { members: [], omitted: [], notes: [] };
  const groupEntries: string[] = [];
  for (const item of items) {
    const identity = item.identity?.lms === "canvas" ? item.identity : null;
    if (!identity) {
      result.omitted.push({ student: item.student, why: "not from a Canvas export: its entry names carry no Canvas user id" });
      continue;
    }
    const userId = identity.userId;
    if (userId === null) {
      result.omitted.push({ student: item.student, why: "graded anonymously: Canvas's gradebook import needs the user id, and the export gives only an anonymous id" });
      continue;
    }
    const group = inputs.groups?.groupOf.get(userId);
    if (group && canvasFileName(group.name) === identity.prefix) {
      for (const m of group.members) result.members.push({ item, member: { lmsId: m.userId, name: m.name, group: group.name } });
      continue;
    }
    const listed = inputs.gradebook?.students.get(userId);
    if (inputs.gradebook && !inputs.groups) {
      if (listed === undefined) {
        result.omitted.push({ student: item.student, why: `Canvas user ${userId} is not in ${inputs.gradebook.file}: no longer a student of the course?` });
        continue;
      }
      if (canvasFileName(listed) !== identity.prefix) groupEntries.push(`"${identity.prefix}" carries user ${userId}, "${listed}" in ${inputs.gradebook.file}`);
    }
    result.members.push({ item, member: { lmsId: userId, name: listed ?? item.name, group: null } });
  }
  if (groupEntries.length > 0) {
    throw new HarnessError(
      "BAD_INPUT",
      `Expected each entry of the Canvas export to be named after its student; ${groupEntries.length} ${groupEntries.length === 1 ? "is" : "are"} not (${groupEntries.slice(0, 3).join("; ")}${groupEntries.length > 3 ? "; …" : ""}). A group assignment's download names each group's hand-in after the group and keys it by one member's id, so a grade file keyed by it would name one member of each group.`,
      `${CANVAS_GROUPS_HINT.replace(/, and pass that file as it came\.$/, "")}, and pass it with --canvas-groups: labgrade then writes a grade for each member of each group.`,
    );
  }
  return result;
}
