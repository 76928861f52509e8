import type { ReasonCode } from "./reason-codes.ts";
import type { TrustReason } from "./trust.ts";

export function reason(code: ReasonCode, message: string): TrustReason {
  return { code, message };
}

// A container as an instructor finds it in `docker ps -a`: its name and short id.
export function containerLabel(container: { id: string; name: string }): string {
  return `\`${container.name}\` (${container.id.slice(0, 12)})`;
}

export function shortId(id: string): string {
  return id.replace(/^sha256:/, "").slice(0, 12);
}
