import { isMap, isScalar, type Document, type LineCounter } from "yaml";

/** One thing wrong with a lab file, placed where its author can find it. */
export interface LabProblem {
  line: number;
  column: number;
  /** The field as a path: `steps[3].expect.container.name`. */
  field: string;
  message: string;
}

export type FieldPath = ReadonlyArray<string | number>;

/** A problem found in the lab's data, at a field's path: placed at its line once the file is at hand. */
export interface FieldProblem {
  path: FieldPath;
  message: string;
}

export const fieldName = (path: FieldPath): string => path.reduce<string>((text, part) => (typeof part === "number" ? `${text}[${part}]` : text ? `${text}.${part}` : part), "") || "the top level";

// Where a field is in the file: its key when it has one (so an unknown field points at its own name), else its value,
// else the nearest field above it that is there.
export function placeOf(doc: Document, lines: LineCounter, path: FieldPath): { line: number; column: number } {
  for (let depth = path.length; depth >= 0; depth--) {
    const parent = doc.getIn(path.slice(0, Math.max(0, depth - 1)), true);
    const last = path[depth - 1];
    if (depth > 0 && isMap(parent)) {
      const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === last);
      const range = (pair?.key as { range?: [number, number, number] } | undefined)?.range;
      if (range) return at(lines, range[0]);
    }
    const node = doc.getIn(path.slice(0, depth), true) as { range?: [number, number, number] } | undefined;
    if (node?.range) return at(lines, node.range[0]);
  }
  return { line: 1, column: 1 };
}

function at(lines: LineCounter, offset: number): { line: number; column: number } {
  const { line, col } = lines.linePos(offset);
  return { line, column: col };
}

// "labs/x/lab.yaml:12:7: steps[3].expect.container: unknown field "nmae"", the first few, then how many more.
export function describeProblems(file: string, problems: readonly LabProblem[], most = 8): string {
  const shown = problems.slice(0, most).map((p) => `${file}:${p.line}:${p.column}: ${p.field}: ${p.message}`);
  return [...shown, ...(problems.length > most ? [`… and ${problems.length - most} more`] : [])].join("\n");
}
