// Canvas's gradebook importer drops every column whose header contains one of these (app/models/gradebook_importer.rb,
// NON_ASSIGNMENT_COLUMN_HEADERS, joined into one Regexp and matched anywhere in the header, case as written), so
// that the export's totals are not read back as assignments; "Unposted Current Score" and the like contain them too.
// An assignment whose title holds one is dropped with them, and the import changes nothing.
export const CANVAS_NON_ASSIGNMENT_HEADERS = ["Current Score", "Current Points", "Current Grade", "Final Score", "Final Points", "Final Grade", "Override Score", "Override Grade", "Override Status"] as const;

// Why Canvas's importer would drop this assignment's column, or null when it reads it.
export function canvasDroppedTitle(header: string): string | null {
  const found = CANVAS_NON_ASSIGNMENT_HEADERS.find((words) => header.includes(words));
  return found ? `Canvas's gradebook import drops every column whose header contains "${found}" (it takes it for the export's totals), so "${header}" would import nothing` : null;
}
