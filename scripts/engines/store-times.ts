// One grade's time on overlay2 and on the containerd image store, side by side in one run: two engines of the
// same Docker version started at once, the reference graded in turn on each (the order alternating by round),
// through each builder. Round 1 is a student's first grade (nothing cached: the pip install runs); later rounds
// change app.py, as a student does between grades (the pip layer is reused). Needs root and the matrix's engines.
//   npm run bench:stores [-- --engine 26.1] [--rounds 4] [--builders default,classic,buildkit]
// Prints engine × store × builder → first grade and later grades (median), the build's share, and the ratio to
// overlay2 with the builder labgrade chooses there; exits 1 when the containerd store's default misses 1.5×.
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { execa } from "execa";
import { ENGINE_KINDS, kindName } from "./engine-kinds.ts";
import { ensureEngines, type LabEngine, startLabEngine } from "./lab-engine.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const BIN = path.join(ROOT, "bin/labgrade.js");
const REFERENCE = path.join(ROOT, "labs/docker-install/reference");
const TARGET = 1.5;

const { values } = parseArgs({
  options: {
    engine: { type: "string", default: "26.1" },
    rounds: { type: "string", default: "4" },
    builders: { type: "string", default: "default,classic,buildkit" },
  },
});
const rounds = Number(values.rounds);
const builders = values.builders.split(",");
const kinds = ENGINE_KINDS.filter((k) => k.version === values.engine);
if (kinds.length !== 2) throw new Error(`--engine: expected one of ${[...new Set(ENGINE_KINDS.filter((k) => k.store === "containerd").map((k) => k.version))].join(", ")} (a version with both stores), found ${values.engine}`);
if ((process.getuid?.() ?? 1) !== 0) throw new Error("side-by-side engines need root (network namespaces, mounts, cgroups)");

interface Grade { seconds: number; build: number; ok: boolean }
const log = (line: string) => process.stderr.write(`store-times: ${line}\n`);
const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s.length ? (s[Math.floor((s.length - 1) / 2)]! + s[Math.ceil((s.length - 1) / 2)]!) / 2 : NaN; };

// The reference with a comment of this round's in app.py: the app layer changes, the pip layer does not.
async function grade(lab: LabEngine, builder: string, round: number, work: string): Promise<Grade> {
  const dir = await mkdtemp(path.join(work, "sub-"));
  await cp(REFERENCE, dir, { recursive: true, filter: (src) => !src.endsWith("expected.json") });
  const app = path.join(dir, "app.py");
  await writeFile(app, `${await readFile(app, "utf8")}# round ${round} ${builder}\n`);
  const env = { ...process.env, FORCE_COLOR: "0", ...lab.env, LABGRADE_WHEELS: path.join(work, "wheels"), ...(builder === "default" ? {} : { LABGRADE_BUILDER: builder }) };
  const began = Date.now();
  const result = await execa("node", [BIN, "grade", dir, "--out", path.join(dir, "reports")], { env, reject: false, all: true, timeout: 900_000 });
  const seconds = (Date.now() - began) / 1000;
  await rm(dir, { recursive: true, force: true });
  const build = Number(/builds \((\d+(?:\.\d+)?) s\)/.exec(String(result.stdout))?.[1] ?? NaN);
  const ok = /Score: 100\/100/.test(String(result.stdout));
  if (!ok) log(`${builder} round ${round}: not 100/100:\n${String(result.all).slice(-1500)}`);
  return { seconds, build, ok };
}

await ensureEngines(kinds);
log(`starting ${kinds.map(kindName).join(" and ")} side by side, with the lab images…`);
const labs = await Promise.all(kinds.map((k) => startLabEngine(k)));
const work = await mkdtemp(path.join(os.tmpdir(), "labgrade-store-times-"));
const times = new Map<string, Grade[]>();
const key = (store: string, builder: string) => `${store} ${builder}`;
try {
  for (let round = 1; round <= rounds; round++) {
    const order = round % 2 ? [0, 1] : [1, 0];
    for (const builder of builders) {
      for (const i of order) {
        const kind = kinds[i]!;
        const g = await grade(labs[i]!, builder, round, work);
        log(`round ${round}: ${kindName(kind)} ${builder}: ${g.seconds.toFixed(1)} s (build ${g.build.toFixed(1)} s)`);
        times.set(key(kind.store, builder), [...(times.get(key(kind.store, builder)) ?? []), g]);
      }
    }
  }
} finally {
  await Promise.all(labs.map((l) => l.engine.stop()));
  await rm(work, { recursive: true, force: true });
}

const machine = `${os.availableParallelism()} cores, load ${os.loadavg()[0]!.toFixed(1)}; ${labs.map((l, i) => `${kindName(kinds[i]!)}: Docker ${l.version} (${l.driver})`).join(", ")}`;
const later = (gs: Grade[]) => gs.slice(1);
const baseline = times.get(key("overlay2", "default")) ?? times.get(key("overlay2", "classic")) ?? [];
const cell = (g: Grade[]) => (g.length ? `${median(g.map((x) => x.seconds)).toFixed(1)} s (build ${median(g.map((x) => x.build)).toFixed(1)} s)` : "—");
const ratio = (g: Grade[], base: Grade[]) => (g.length && base.length ? `${(median(g.map((x) => x.seconds)) / median(base.map((x) => x.seconds))).toFixed(2)}×` : "—");
console.log(`machine: ${machine}`);
console.log(`one grade of the reference, ${rounds} rounds; the ratio is to overlay2 with labgrade's default builder, in the same round kind\n`);
const widths = [22, 10, 26, 10, 26, 10];
const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join("  ");
console.log(line(["store × builder", "verdicts", "first grade", "ratio", `later grades (median of ${rounds - 1})`, "ratio"]));
for (const [k, gs] of times) {
  console.log(line([k, gs.every((g) => g.ok) ? "100/100" : "WRONG", cell(gs.slice(0, 1)), ratio(gs.slice(0, 1), baseline.slice(0, 1)), cell(later(gs)), ratio(later(gs), later(baseline))]));
}
const mine = times.get(key("containerd", "default")) ?? [];
const met = mine.length > 0 && median(mine.map((g) => g.seconds)) <= TARGET * median(baseline.map((g) => g.seconds));
console.log(`\ntarget: the containerd store within ${TARGET}× of overlay2 for one grade (labgrade's default builder on each): ${met ? "met" : "MISSED"}`);
if (!met || [...times.values()].flat().some((g) => !g.ok)) process.exitCode = 1;
