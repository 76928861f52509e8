/** The assignment's column as Canvas's own gradebook export names it: `<title> (<assignment id>)`. */
export interface CanvasAssignment {
  title: string;
  id: string;
}

// Canvas reads a column as an assignment by this pattern (Assignment.title_and_id: /\A(.*)\s\((\d+)\)\z/).
export function parseCanvasAssignment(text: string): CanvasAssignment | null {
  const match = /^(.*\S)\s\((\d+)\)$/s.exec(text.trim());
  return match ? { title: match[1]!, id: match[2]! } : null;
}
