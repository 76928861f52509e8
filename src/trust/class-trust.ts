import type { Trust, TrustReason } from "../lab/trust-level.ts";
import type { ReasonCode } from "./reason-codes.ts";

// Reasons that are signals, not accusations: on their own they leave the level as it was. One engine behind
// several students is what a shared lab machine gives every student who used it; it is listed for the
// instructor to look at, and makes evidence suspicious only together with a reason that is not a signal.
export const SIGNAL_CODES: readonly ReasonCode[] = ["class-shared-engine"];

export const isSignal = (r: TrustReason): boolean => (SIGNAL_CODES as readonly string[]).includes(r.code);

// A student's trust with the class's reasons joined: suspicious once any reason is more than a signal. Live and
// none stay as they are (the class checks compare evidence files; a live read has none to compare).
export function withClassReasons(trust: Trust, classReasons: readonly TrustReason[]): Trust {
  if (trust.level === "live" || trust.level === "none" || classReasons.length === 0) return trust;
  const reasons = [...trust.reasons, ...classReasons.filter((r) => !trust.reasons.some((o) => o.code === r.code && o.message === r.message))];
  return { ...trust, level: reasons.some((r) => !isSignal(r)) ? "suspicious" : trust.level, reasons };
}
