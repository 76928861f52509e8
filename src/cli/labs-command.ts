import { rubricSteps } from "../lab/lab.ts";
import { loadLab, shippedLabIds } from "../labfile/index.ts";

// `labgrade labs`: the labs labgrade ships, one a line (or as JSON).
export async function labsCommand(options: { json?: boolean }, out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const labs = await Promise.all(shippedLabIds().map((id) => loadLab(id)));
  const rows = labs.map((lab) => ({ id: lab.id, title: lab.title, steps: lab.steps.length, points: rubricSteps(lab).reduce((sum, s) => sum + s.points, 0), app: lab.app !== null, file: lab.file, digest: lab.digest }));
  if (options.json) {
    out.write(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  const width = Math.max(...rows.map((r) => r.id.length));
  for (const r of rows) out.write(`${r.id.padEnd(width)}  ${String(r.steps).padStart(2)} steps  ${String(r.points).padStart(3)} pts  ${r.title}\n`);
  out.write(`\nGrade one with \`labgrade grade DIR --lab ID\`; a lab of your own with \`--lab path/to/lab.yaml\` (\`labgrade lab new DIR\` starts one).\n`);
  return 0;
}
