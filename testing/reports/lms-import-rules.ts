import { parse } from "csv-parse/sync";
import yauzl from "yauzl";
import { canvasDelimiter, decimalPoint } from "../../src/intake/canvas-gradebook.ts";

// The rules each LMS applies when it reads labgrade's files back, written out from their sources, so the tests
// parse what labgrade writes the way the LMS would and fail where the LMS would refuse or mismatch.

export async function readZip(data: Buffer): Promise<Map<string, Buffer>> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) => yauzl.fromBuffer(data, { lazyEntries: true }, (e, z) => (e ? reject(e) : resolve(z))));
  const files = new Map<string, Buffer>();
  await new Promise<void>((resolve, reject) => {
    zip.on("entry", (entry: yauzl.Entry) => {
      zip.openReadStream(entry, (error, stream) => {
        if (error) return reject(error);
        const chunks: Buffer[] = [];
        stream.on("data", (c: Buffer) => chunks.push(c));
        stream.on("end", () => (files.set(entry.fileName, Buffer.concat(chunks)), zip.readEntry()));
      });
    });
    zip.on("end", () => resolve());
    zip.on("error", reject);
    zip.readEntry();
  });
  return files;
}

// Canvas app/models/gradebook_importer.rb: Ruby's CSV with the `decimal_comma_to_period` converter, no BOM
// handling (the header test is `include?`), the student columns found from the header, assignments by
// Assignment.title_and_id, the "Points Possible" row, students by the user id in ID.
export function canvasGradebookImport(text: string) {
  const records = parse(text, { relax_column_count: false }) as string[][];
  const [header = [], ...rest] = records.map((r) => r.map(decimalPoint));
  if (!(header.length > 3 && header[0]!.includes("Student") && header[1]!.includes("ID"))) throw new Error("InvalidHeaderRow: Student, ID");
  let studentColumns = 3;
  if (/SIS\s+Login\s+ID/.test(header[2]!)) studentColumns += 1;
  else if (/SIS\s+User\s+ID/.test(header[2]!) && /SIS\s+Login\s+ID/.test(header[3] ?? "")) studentColumns += 2;
  if (!header[studentColumns - 1]!.includes("Section")) throw new Error("InvalidHeaderRow: Section");
  const nonAssignment = /Current Score|Current Points|Current Grade|Final Score|Final Points|Final Grade|Override Score|Override Grade|Override Status/;
  const assignments = header.slice(studentColumns).flatMap((name, i) => {
    if (nonAssignment.test(name)) return [];
    const m = /^(.*)\s\((\d+)\)$/s.exec(name);
    return [{ column: studentColumns + i, title: m ? m[1]! : name, id: m ? m[2]! : null, pointsPossible: null as string | null }];
  });
  const students = new Map<number, string[]>();
  for (const row of rest) {
    if (row[0]?.includes("Points Possible")) {
      for (const a of assignments) a.pointsPossible = row[a.column] ?? null;
      continue;
    }
    if (row.every((c) => /^\s*(Muted|Manual Posting.*)?\s*$/i.test(c))) continue;
    const id = Number.parseInt(row[1] ?? "", 10);
    if (!Number.isInteger(id)) throw new Error(`a student row without a Canvas user id: ${JSON.stringify(row)}`);
    students.set(id, assignments.map((a) => (row[a.column] ?? "").trim()));
  }
  return { assignments, students };
}

// Canvas's delimiter guess (identify_delimiter), as labgrade reads an instructor's gradebook export with it.
export { canvasDelimiter };

// Canvas Assignment#infer_comment_context_from_filename (newest): "LATE" parts dropped; `anon_<id>_<attachment>`, or
// the first two all-digit parts as user and attachment id; the attachment must be one of that submission's.
export function canvasReuploadMatch(fullpath: string, attachments: ReadonlyMap<string, ReadonlySet<string>>): { student: string; attachment: string } | null {
  const filename = fullpath.slice(fullpath.lastIndexOf("/") + 1);
  const parts = filename.split("_").filter((p) => p !== "LATE");
  let student: string | undefined;
  let attachment: string | undefined;
  if (parts[0] === "anon") [student, attachment] = [parts[1], parts[2]];
  else [student, attachment] = parts.filter((p) => /^\d+$/.test(p)).slice(0, 2);
  if (/^link/.test(parts.at(-1) ?? "") || /^\._/.test(filename)) return null;
  if (!student || !attachment || !attachments.get(student)?.has(attachment)) return null;
  return { student, attachment };
}

// Moodle csv_import_reader::load_csv_content + assignfeedback_offline_grade_importer: BOM trimmed, CRLF made LF,
// every row as long as the header, columns found by their English names, "Participant " cut off by length, the
// grade through unformat_float, the time through strtotime.
export function moodleWorksheetImport(text: string) {
  const content = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n").trim();
  const records = parse(content, { relax_column_count: true }) as string[][];
  const [header = [], ...rows] = records;
  if (rows.some((r) => r.length !== header.length)) throw new Error("csvweirdcolumns");
  const at = (name: string) => header.indexOf(name);
  const [id, grade, modified, feedback] = [at("Identifier"), at("Grade"), at("Last modified (grade)"), at("Feedback comments")];
  if (id < 0 || grade < 0 || modified < 0) throw new Error("invalidgradeimport");
  return rows.map((r) => {
    const raw = r[grade]!.trim();
    const value = raw === "" ? null : /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : Number.NaN;
    return { participant: r[id]!.slice("Participant ".length), grade: value, modified: Date.parse(r[modified]!), feedback: feedback < 0 ? null : r[feedback]! };
  });
}

// Moodle assignfeedback_file_zip_importer::is_valid_filename_for_import: hidden files skipped; each path part split
// at `_` into at most 5; the second must be a participant of the assignment, the third and fourth a plugin.
export function moodleZipMatch(zipPath: string, participants: ReadonlySet<string>): { participant: string; plugin: string; file: string } | null {
  const name = zipPath.slice(zipPath.lastIndexOf("/") + 1);
  if (zipPath.endsWith("/") || name.startsWith(".") || name.startsWith("~")) return null;
  const parts = zipPath.split("/");
  while (parts.length > 0) {
    const part = parts.shift()!;
    const pieces = part.split("_");
    const info = pieces.length > 5 ? [...pieces.slice(0, 4), pieces.slice(4).join("_")] : pieces;
    if (info.length < 4 || !/^\d+$/.test(info[1]!) || !participants.has(String(Number(info[1])))) continue;
    if (!["assignsubmission", "assignfeedback"].includes(info[2]!) || info[3] === "") continue;
    return { participant: String(Number(info[1])), plugin: `${info[2]}_${info[3]}`, file: [info[4] ?? "", ...parts].join("/") };
  }
  return null;
}

export const unescapeHtml = (html: string): string => html.replace(/<br>\n?/g, "\n").replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
