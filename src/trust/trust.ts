// The types live with the result model (lab/trust-level.ts), which every report reads; trust/ fills them.
export type { Trust, TrustLevel, TrustReason } from "../lab/trust-level.ts";
