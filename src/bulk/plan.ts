import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Shard } from "./shard.ts";

const PLAN_FILE = "plan.json";
const PLAN_SCHEMA = "labgrade.plan/1";

/** Which students a bulk run set out to grade: merge holds the shards to it. */
export interface Plan {
  schema: typeof PLAN_SCHEMA;
  shard: Shard | null;
  students: string[];
}

export async function writePlan(outDir: string, students: string[], shard: Shard | undefined): Promise<void> {
  const plan: Plan = { schema: PLAN_SCHEMA, shard: shard ?? null, students };
  await writeFile(path.join(outDir, PLAN_FILE), JSON.stringify(plan, null, 2) + "\n", "utf8");
}

// A folder's plan; null for a folder written before plans (every journal row is then taken).
export async function readPlan(outDir: string): Promise<Plan | null> {
  const text = await readFile(path.join(outDir, PLAN_FILE), "utf8").catch(() => null);
  if (text === null) return null;
  const data = JSON.parse(text) as Partial<Plan>;
  return data.schema === PLAN_SCHEMA && Array.isArray(data.students) ? (data as Plan) : null;
}
