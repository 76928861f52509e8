// Records the handout's walks against this machine's engine into evidence files, and checks each against
// the statuses it is expected to produce. CI runs it, so a change in engine behaviour shows up.
//   npx tsx scripts/record-walks.ts [--out DIR] [--update-fixtures]
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { readConfig } from "../src/config.ts";
import { openEngine } from "../src/docker/open-engine.ts";
import { writeEvidenceFile } from "../src/evidence/evidence-file.ts";
import { judgeEngine } from "../src/lab/judge.ts";
import { recordWalk } from "../src/recorder/record.ts";
import { WALKS } from "../src/recorder/walks.ts";

const { values } = parseArgs({ options: { out: { type: "string", default: "reports/recorded-walks" }, "update-fixtures": { type: "boolean", default: false } } });
const root = path.resolve(import.meta.dirname, "..");
const engine = await openEngine(readConfig());
let mismatches = 0;
for (const walk of WALKS) {
  const started = Date.now();
  const snapshot = await recordWalk(walk, { engine, appDir: path.join(root, "fixtures/submissions/reference"), log: (l) => console.log(`  ${l}`) });
  const results = judgeEngine({ kind: "snapshot", snapshot, source: "live" });
  const wrong = Object.entries(walk.expected).filter(([id, status]) => results[id as keyof typeof results].status !== status);
  mismatches += wrong.length;
  console.log(`${walk.name}: recorded in ${((Date.now() - started) / 1000).toFixed(1)}s; ${wrong.length ? `MISMATCH ${wrong.map(([id, s]) => `${id} expected ${s}, got ${results[id as keyof typeof results].status}: ${results[id as keyof typeof results].message}`).join("; ")}` : "statuses as expected"}`);
  const dirs = [path.resolve(values.out!, walk.name), ...(values["update-fixtures"] ? [path.join(root, "fixtures/evidence", walk.name)] : [])];
  for (const dir of dirs) {
    await mkdir(dir, { recursive: true });
    await writeEvidenceFile(path.join(dir, "evidence.json"), snapshot);
    await writeFile(path.join(dir, "expected.json"), JSON.stringify({ description: walk.description, steps: walk.expected }, null, 2) + "\n");
  }
  if (values["update-fixtures"] && walk.name === "full-walk") await writeEvidenceFile(path.join(root, "fixtures/submissions/reference/evidence.json"), snapshot);
}
process.exitCode = mismatches ? 1 : 0;
