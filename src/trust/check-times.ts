import type { EvidenceFileV2 } from "../evidence/evidence-file-v2.ts";
import type { ContainerFact } from "../evidence/types.ts";
import { isLabContainer } from "../lab/lab-container.ts";
import { isImageRef } from "../lab/names.ts";
import { parseTime, showTime } from "./parse-time.ts";
import { text } from "./raw-fields.ts";
import { containerLabel, reason } from "./reason.ts";
import { EVERY_FACT } from "./reason-touches.ts";
import type { TrustContext } from "./trust-context.ts";
import type { TrustReason } from "./trust.ts";

// A container that exits at once is stamped finished a fraction of a millisecond before started (seen on 20.10).
const SAME_MOMENT_MS = 1_000;
// The engine's clock is not the collector's (a laptop's VM drifts): with the engine's own time in /info the
// difference is known; without it, minutes of slack.
const KNOWN_CLOCK_SLACK_MS = 2 * 60_000;
const UNKNOWN_CLOCK_SLACK_MS = 10 * 60_000;
// A laptop whose clock keeps local time as UTC (a dual boot with Windows) is hours out: only a day is an impossibility.
const FUTURE_SLACK_MS = 24 * 3_600_000;
// At the assignment's edges, an hour: a clock out by that much is a clock, not a late hand-in.
const WINDOW_SLACK_MS = 3_600_000;

// created ≤ started ≤ finished ≤ collected, nothing after collection, collection not in the future, and
// with the assignment's dates, the lab's work inside them. A time out of place doubts its container or image; the
// collection's own time, the whole file (or the state it shows).
export function checkTimes(file: EvidenceFileV2, context: TrustContext): TrustReason[] {
  const reasons: TrustReason[] = [];
  const collected = parseTime(file.collectedAt);
  if (collected === null) return [reason("time-order", `The file's collectedAt ${JSON.stringify(file.collectedAt)} is not a time.`, EVERY_FACT)];
  if (collected > context.now.getTime() + FUTURE_SLACK_MS) {
    reasons.push(reason("collected-in-future", `The file says it was collected at ${file.collectedAt}, after this grade began (${context.now.toISOString()}).`));
  }
  const engineClock = parseTime(text(file.raw?.info, "SystemTime"));
  // The engine's "now" when the evidence was read, on the engine's clock.
  const engineNow = engineClock ?? collected;
  const slack = engineClock === null ? UNKNOWN_CLOCK_SLACK_MS : KNOWN_CLOCK_SLACK_MS;
  for (const c of file.containers) reasons.push(...containerTimes(c, engineNow + slack));
  for (const image of file.images) {
    const created = parseTime(image.created);
    if (created !== null && created > engineNow + slack) reasons.push(reason("time-after-collection", `The image ${JSON.stringify(image.tags)} was created ${image.created}, after the evidence was collected (${file.collectedAt}).`, ["images"]));
  }
  if (context.window) reasons.push(...windowTimes(file, context.window, collected, context));
  return reasons;
}

function containerTimes(c: ContainerFact, latest: number): TrustReason[] {
  const reasons: TrustReason[] = [];
  const created = parseTime(c.created);
  const started = parseTime(c.startedAt);
  const finished = parseTime(c.finishedAt);
  if (created !== null && started !== null && started + SAME_MOMENT_MS < created) {
    reasons.push(reason("time-order", `The container ${containerLabel(c)} started ${c.startedAt}, before it was created (${c.created}).`));
  }
  // While it runs, finishedAt is the previous run's end; only a stopped container's must follow its start.
  const stopped = c.status === "exited" || c.status === "dead";
  if (stopped && started !== null && finished !== null && finished + SAME_MOMENT_MS < started) {
    reasons.push(reason("time-order", `The container ${containerLabel(c)} finished ${c.finishedAt}, before it started (${c.startedAt}).`));
  }
  if (created !== null && finished !== null && finished + SAME_MOMENT_MS < created) {
    reasons.push(reason("time-order", `The container ${containerLabel(c)} finished ${c.finishedAt}, before it was created (${c.created}).`));
  }
  for (const [what, at, raw] of [["was created", created, c.created], ["started", started, c.startedAt], ["finished", finished, c.finishedAt]] as const) {
    if (at !== null && at > latest) reasons.push(reason("time-after-collection", `The container ${containerLabel(c)} ${what} ${raw}, after the evidence was collected (by the engine's clock, ${showTime(latest)} at the latest).`, ["containers"]));
  }
  return reasons;
}

function windowTimes(file: EvidenceFileV2, window: { start: Date; end: Date }, collected: number, context: TrustContext): TrustReason[] {
  const reasons: TrustReason[] = [];
  const start = window.start.getTime();
  const end = window.end.getTime();
  const outside = (ms: number | null) => ms !== null && (ms < start - WINDOW_SLACK_MS || ms > end + WINDOW_SLACK_MS);
  const span = `${window.start.toISOString()} to ${window.end.toISOString()}`;
  if (outside(collected)) reasons.push(reason("time-outside-window", `The evidence was collected ${file.collectedAt}, outside the assignment's dates (${span}).`));
  for (const c of file.containers.filter((c) => isLabContainer(context.lab.marks, c))) {
    for (const [what, raw] of [["was created", c.created], ["started", c.startedAt], ["finished", c.finishedAt]] as const) {
      if (outside(parseTime(raw))) reasons.push(reason("time-outside-window", `The container ${containerLabel(c)} ${what} ${raw}, outside the assignment's dates (${span}).`, ["containers"]));
    }
  }
  const app = context.lab.app?.tag;
  for (const image of app ? file.images.filter((i) => i.tags.some((t) => isImageRef(t, app))) : []) {
    if (outside(parseTime(image.created))) reasons.push(reason("time-outside-window", `The ${app} image was built ${image.created}, outside the assignment's dates (${span}).`, ["images"]));
  }
  return reasons;
}
