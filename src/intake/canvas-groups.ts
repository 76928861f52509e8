import { parse } from "csv-parse/sync";
import { HarnessError } from "../errors.ts";

/** One group of a Canvas group set, with its members' Canvas user ids and names. */
export interface CanvasGroup {
  id: string;
  name: string;
  members: Array<{ userId: string; name: string }>;
}

/** Canvas's group set export (People › Groups › the set's ⋮ › Export). */
export interface CanvasGroupSet {
  file: string;
  /** The group each student is in, by Canvas user id; students in no group are absent. */
  groupOf: Map<string, CanvasGroup>;
}

export const CANVAS_GROUPS_HINT = "Export the assignment's group set from Canvas: People › Groups › the group set's ⋮ menu › Export, and pass that file as it came.";

// The export's header (spec/apis/v1/group_categories_api_spec.rb, GET /api/v1/group_categories/:id/export):
// name, canvas_user_id, user_id, login_id, sections, group_name, canvas_group_id, group_id. The import format
// (doc/api/group_category_csv.md) names the same columns.
export function parseCanvasGroups(text: string, file: string): CanvasGroupSet {
  let records: Array<Record<string, string>>;
  try {
    records = parse(text, { bom: true, columns: true, skip_empty_lines: true, relax_column_count: true }) as Array<Record<string, string>>;
  } catch (error) {
    throw bad(file, `it is not CSV labgrade can read (${(error as Error).message})`);
  }
  const header = Object.keys(records[0] ?? {});
  if (!header.includes("canvas_user_id") || !header.includes("group_name")) {
    throw bad(file, `its first row has ${header.length ? header.join(", ") : "nothing (or no students)"}; expected canvas_user_id and group_name among name, canvas_user_id, user_id, login_id, sections, group_name, canvas_group_id, group_id`);
  }
  const groups = new Map<string, CanvasGroup>();
  const groupOf = new Map<string, CanvasGroup>();
  for (const [index, record] of records.entries()) {
    const userId = (record.canvas_user_id ?? "").trim();
    const groupName = (record.group_name ?? "").trim();
    if (!/^\d+$/.test(userId)) throw bad(file, `line ${index + 2} has canvas_user_id "${userId}"; expected a Canvas user id`);
    if (groupName === "") continue;
    const id = (record.canvas_group_id ?? "").trim() || groupName;
    const group = groups.get(id) ?? { id, name: groupName, members: [] };
    groups.set(id, group);
    group.members.push({ userId, name: (record.name ?? "").trim() });
    groupOf.set(userId, group);
  }
  return { file, groupOf };
}

function bad(file: string, found: string): HarnessError {
  return new HarnessError("BAD_INPUT", `Expected ${file} to be Canvas's group set export; ${found}.`, CANVAS_GROUPS_HINT);
}
