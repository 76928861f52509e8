import type { EvidenceFact } from "../lab/trust-level.ts";
import type { ReasonCode } from "./reason-codes.ts";
import { REASON_TOUCHES } from "./reason-touches.ts";
import type { TrustReason } from "./trust.ts";

// A reason, with the kinds of facts it puts in doubt: its code's (reason-touches.ts), or narrower where the finder knows.
export function reason(code: ReasonCode, message: string, touches: readonly EvidenceFact[] = REASON_TOUCHES[code]): TrustReason {
  return { code, message, touches: [...touches] };
}

// A container as an instructor finds it in `docker ps -a`: its name and short id.
export function containerLabel(container: { id: string; name: string }): string {
  return `\`${container.name}\` (${container.id.slice(0, 12)})`;
}

export function shortId(id: string): string {
  return id.replace(/^sha256:/, "").slice(0, 12);
}
