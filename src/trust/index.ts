// Trust in evidence: how far an engine verdict can be believed, per student, and why not.
export { type Trust, type TrustLevel, type TrustReason } from "./trust.ts";
export { type TrustContext, type TrustLab, trustLab } from "./trust-context.ts";
export { REASON_CODES, type ReasonCode } from "./reason-codes.ts";
export { assessEvidence, type EvidenceTrust, FORMAT_1_NOTE } from "./assess-evidence.ts";
export { assessClass, assessClassSignals, classSignals, type ClassEvidence, type ClassSignals } from "./assess-class.ts";
export { isSignal, SIGNAL_CODES, withClassReasons } from "./class-trust.ts";
export { ENGINE_API_VERSIONS, apiVersionOf } from "./api-versions.ts";
export { HELLO_WORLD_RELEASES } from "./hello-world-releases.ts";
export { type StepReading, stepsInDoubt } from "./steps-in-doubt.ts";
export { REASON_TOUCHES } from "./reason-touches.ts";
