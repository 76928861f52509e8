import type { PushLine } from "./push-plan.ts";

// Canvas grades a group assignment graded as one for the whole group whenever any member is graded
// (app/models/assignment.rb, Assignment#grade_student: grade_group_students, then save_grade_to_submission for every
// member). A member left alone (changed in Canvas since labgrade graded, or excused) would be overwritten by a push
// to any other member, so the whole group is left alone: each member that would have been pushed says whose grade
// holds it. --force leaves nothing alone, so it holds nothing.
export function holdGroups(lines: readonly PushLine[]): PushLine[] {
  const holders = new Map<string, PushLine>();
  for (const line of lines) {
    const group = line.target.groupId;
    if (group !== undefined && (line.action === "changed" || line.action === "excused") && !holders.has(group)) holders.set(group, line);
  }
  return lines.map((line) => {
    const holder = line.target.groupId === undefined ? undefined : holders.get(line.target.groupId);
    if (!holder || line.action !== "push") return line;
    return { ...line, action: "group", heldBy: { name: holder.target.name, action: holder.action as "changed" | "excused" } };
  });
}
