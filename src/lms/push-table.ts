import { showControls } from "../reports/show-controls.ts";
import type { NotPushed, PushLine } from "./push-plan.ts";

const number = (n: number | null): string => (n === null ? "—" : String(Math.round(n * 100) / 100));
const held = (line: PushLine): string => (line.now.excused ? "EX" : line.action === "unknown" ? "?" : number(line.now.grade));
const change = (line: PushLine): string => {
  if (line.now.excused) return "";
  if (line.now.grade === null) return "new";
  const d = Math.round((line.target.points - line.now.grade) * 100) / 100;
  return d > 0 ? `+${d}` : String(d);
};
const when = (date: Date | null): string => (date ? date.toISOString().replace(/:\d\d\.\d+Z$/, "Z").replace("T", " ") : "");

function what(line: PushLine, lms: string): string {
  switch (line.action) {
    case "same":
      return `already in ${lms}`;
    case "unlisted":
      return `pushed by labgrade ${when(line.now.changedAt)} (${lms} does not list it)`;
    case "push":
      return line.now.grade === null ? "push" : "push (replaces a grade from before labgrade graded)";
    case "changed":
      return `${line.now.grade === null ? "cleared" : "changed"} in ${lms} ${when(line.now.changedAt)}, after labgrade graded it: left alone (--force replaces it)`;
    case "excused":
      return `excused in ${lms}: left alone (--force replaces the excuse with the grade)`;
    case "unknown":
      return `not listed by ${lms}, which answered with a warning instead of grades: left alone (--force pushes it)`;
    case "group":
      return `left alone: ${line.heldBy?.name ?? "another member"} of the same group is ${line.heldBy?.action ?? "changed"} in ${lms}, and ${lms} grades the group as one (--force pushes the group)`;
    case "overwrite":
      return line.now.excused ? `excused in ${lms}: replaced (--force)` : `${line.now.grade === null ? "cleared" : "changed"} in ${lms} ${when(line.now.changedAt)}: replaced (--force)`;
  }
}

// The dry run's table, also printed before a push: each student's grade in the LMS now, labgrade's, the difference,
// and what happens to it. Names are the LMS's and the export's: control characters are shown, never run.
export function renderPushTable(lms: string, lines: readonly PushLine[], notPushed: readonly NotPushed[]): string {
  const rows = [
    ["student", "name", `${lms} user`, `in ${lms}`, "labgrade", "change", "what happens"],
    ...lines.map((l) => [l.target.row.student, showControls(l.target.name + (l.target.group ? ` (${l.target.group})` : "")), l.target.userId, held(l), number(l.target.points), l.action === "same" ? "0" : l.action === "unlisted" || l.action === "unknown" ? "" : change(l), what(l, lms)]),
    ...notPushed.map((n) => [n.student, "", "", "", "", "", `not pushed: ${showControls(n.why)}`]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => [...r[i]!].length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell + " ".repeat(widths[i]! - [...cell].length))).join("  ").trimEnd()).join("\n");
}

// One line under the table: how many of each, and what to do next.
export function pushSummary(lms: string, lines: readonly PushLine[], notPushed: readonly NotPushed[], applied: boolean): string {
  const count = (action: PushLine["action"]) => lines.filter((l) => l.action === action).length;
  const parts = [
    `${count("push") + count("overwrite")} to push${count("overwrite") ? ` (${count("overwrite")} replacing grades changed in ${lms}, --force)` : ""}`,
    `${count("same") + count("unlisted")} already in ${lms}`,
    ...(count("changed") ? [`${count("changed")} changed in ${lms} since labgrade graded (left alone; --force replaces them)`] : []),
    ...(count("excused") ? [`${count("excused")} excused in ${lms} (left alone; --force replaces them)`] : []),
    ...(count("unknown") ? [`${count("unknown")} whose grade in ${lms} is unknown (left alone; --force pushes them)`] : []),
    ...(count("group") ? [`${count("group")} left alone with their group (${lms} grades a group as one; --force pushes them)`] : []),
    ...(notPushed.length ? [`${notPushed.length} not pushed`] : []),
  ];
  return applied ? `${parts.join(", ")}.` : `Dry run: ${parts.join(", ")}. Nothing was sent; run the same command with --yes to push.`;
}
