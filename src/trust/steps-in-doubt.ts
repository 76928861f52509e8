import type { Trust, TrustReason } from "../lab/trust-level.ts";
import { isSignal } from "./class-trust.ts";

/** A step as far as doubt goes: its id, whether the engine judged it, and the kinds of facts it reads. */
export interface StepReading {
  id: string;
  kind: "engine" | "app";
  reads: readonly string[];
}

// The engine steps whose verdicts a trust puts in doubt: those reading a kind of fact one of its reasons touches.
// A signal doubts nothing on its own (it leaves the level as it was); a reason from an older row, which does not
// say what it touches, doubts every engine step. Pure, and the lab's steps are a parameter: it serves every lab.
export function stepsInDoubt(trust: Trust | undefined, steps: readonly StepReading[]): string[] {
  if (trust?.level !== "suspicious") return [];
  const reasons = trust.reasons.filter((r) => !isSignal(r));
  return steps.filter((s) => s.kind === "engine" && reasons.some((r) => doubts(r, s))).map((s) => s.id);
}

function doubts(r: TrustReason, step: StepReading): boolean {
  return r.touches === undefined || r.touches.some((fact) => step.reads.includes(fact));
}
