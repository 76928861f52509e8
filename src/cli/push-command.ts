import { labRef } from "../lab/lab.ts";
import { classLab } from "./class-lab.ts";
import type { LabFlags } from "./lab-option.ts";
import path from "node:path";
import { classReport } from "../bulk/class-report.ts";
import { readClassFolder } from "../bulk/class-folder.ts";
import { lockOutput } from "../bulk/output-lock.ts";
import { stepsOfRows } from "../bulk/rows-rubric.ts";
import { HarnessError } from "../errors.ts";
import { loadRubric } from "../lab/rubric-file.ts";
import { canvasApi } from "../lms/canvas-api.ts";
import { createLmsHttp } from "../lms/lms-http.ts";
import { moodleApi } from "../lms/moodle-api.ts";
import { pushCanvas } from "../lms/push-canvas.ts";
import type { PushContext, PushOutcome } from "../lms/push-context.ts";
import { pushMoodle } from "../lms/push-moodle.ts";
import { pushSummary, renderPushTable } from "../lms/push-table.ts";
import type { SuspiciousPolicy } from "../model/class-row.ts";
import { studentReports } from "../reports/write-lms-files.ts";

export interface PushOptions extends LabFlags {
  url: string;
  course: string;
  assignment: string;
  /** Send the grades; without it, a dry run. */
  yes?: boolean;
  force?: boolean;
  scale?: boolean;
  batchSize?: number;
  rubric?: string;
  suspicious?: SuspiciousPolicy;
}

/** What the tests put in place of the network and the clock. */
export interface PushDeps {
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  now?: () => Date;
}

const TOKEN = {
  canvas: { variable: "CANVAS_TOKEN", get: "Create one in Canvas (Account › Settings › + New Access Token)" },
  moodle: { variable: "MOODLE_TOKEN", get: "Ask for a Moodle web service token with the mod_assign functions and file uploads (your Moodle's Preferences › Security keys, once a web service is set up)" },
};

// `labgrade push canvas|moodle DIR`: a class graded before, its grades put in the LMS through its API. A dry run
// unless --yes. Exit 0 when the dry run was shown or every grade to push was taken; 1 when one was not.
export async function pushCommand(lms: string, dir: string, options: PushOptions, env: NodeJS.ProcessEnv, signal: AbortSignal, deps: PushDeps = {}): Promise<number> {
  if (lms !== "canvas" && lms !== "moodle") throw new HarnessError("BAD_INPUT", `Expected the LMS to be canvas or moodle; got "${lms}".`, "Gradescope and GitHub Classroom take labgrade's points directly: see the README's section on LMS import files.");
  const base = lmsAddress(options.url);
  const { variable, get } = TOKEN[lms];
  const token = env[variable];
  if (!token) throw new HarnessError("BAD_INPUT", `Expected the ${lms === "canvas" ? "Canvas" : "Moodle"} token in the environment variable ${variable}; it is not set.`, `${get}, and run with it set: ${variable}=<token> labgrade push ${lms} … (labgrade never writes it to a file or a log).`);
  const classDir = path.resolve(dir);
  const rows = await readClassFolder(classDir);
  const lab = await classLab(rows, options, env);
  const steps = options.rubric ? await loadRubric(options.rubric, lab) : (stepsOfRows(rows, lab) ?? (await loadRubric(undefined, lab)));
  const report = classReport(rows, steps, { title: `labgrade: ${path.basename(classDir)}`, generatedAt: new Date(), suspicious: options.suspicious ?? "keep", lab: labRef(lab) });
  const send = createLmsHttp(lms === "canvas" ? "Canvas" : "Moodle", { secrets: [token], signal, onWait: (text) => process.stderr.write(`${text}\n`), ...(deps.fetch ? { fetch: deps.fetch } : {}), ...(deps.sleep ? { sleep: deps.sleep } : {}) });
  const ctx: PushContext = {
    report,
    reports: await studentReports(report, classDir),
    apply: Boolean(options.yes),
    force: Boolean(options.force),
    scale: Boolean(options.scale),
    batchSize: options.batchSize ?? 50,
    journalFile: path.join(classDir, `push-${lms}.jsonl`),
    now: deps.now ?? (() => new Date()),
    sleep: deps.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    onNote: (text) => process.stderr.write(`${text}\n`),
    onPlan: (outcome) => {
      printPlan(outcome, true);
      shown = true;
    },
  };
  let shown = false;
  const key = `${base.host}${base.pathname.replace(/\/$/, "")} course ${options.course} assignment ${options.assignment}`;
  // A push writes the folder's push journal: one writer at a time, as for bulk and merge.
  const lock = ctx.apply ? await lockOutput(classDir, `labgrade push ${lms}`, { signal, onNote: ctx.onNote }) : null;
  try {
    const outcome = lms === "canvas" ? await pushCanvas(canvasApi(base.toString(), options.course, options.assignment, token, send), ctx, key) : await pushMoodle(moodleApi(base.toString(), token, send), ctx, key, options.course, options.assignment);
    if (!shown) printPlan(outcome, ctx.apply);
    printPushed(outcome, ctx.apply);
    return outcome.failed.length > 0 ? 1 : 0;
  } finally {
    await lock?.release();
  }
}

// The plan: before a push sends anything (then progress on stderr), or the dry run's whole answer.
function printPlan(outcome: PushOutcome, applied: boolean): void {
  const { max } = outcome;
  const outOf = max.scaled ? `scaled from the rubric's ${max.rubric} to ${max.lms} (${max.source})` : `out of ${max.lms}${max.source ? ` (${max.source})` : ""}`;
  process.stdout.write(`${outcome.lms}: "${outcome.assignment}", grades ${outOf}\n\n${renderPushTable(outcome.lms, outcome.lines, outcome.notPushed)}\n\n${pushSummary(outcome.lms, outcome.lines, outcome.notPushed, applied)}\n`);
}

// The outcome, once the push is over: how many the LMS took, and each it did not, with why.
function printPushed(outcome: PushOutcome, applied: boolean): void {
  if (applied && outcome.pushed + outcome.failed.length > 0) process.stdout.write(`Pushed ${outcome.pushed}${outcome.failed.length ? `; ${outcome.failed.length} not taken` : ""}.\n`);
  for (const f of outcome.failed) process.stderr.write(`${f.student}: ${f.why}\n`);
}

// The LMS's address: https, or http to this machine (a test server); a token never travels in the clear.
function lmsAddress(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new HarnessError("BAD_INPUT", `Expected --url to be the LMS's address, e.g. https://canvas.example.edu; got "${raw}".`, "Copy it from the browser's address bar, up to the host name (Moodle: up to its folder, if it has one).");
  }
  const local = ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && local)) throw new HarnessError("BAD_INPUT", `Expected --url to be an https:// address; got ${url.protocol}//${url.host}.`, "Use the LMS's https address: the token would travel in the clear.");
  if (url.username || url.password || url.search) throw new HarnessError("BAD_INPUT", "Expected --url to be the LMS's address alone; it holds a user, a password or a query.", "Give the address up to the host name (Moodle: up to its folder); the token goes in the environment.");
  return url;
}
