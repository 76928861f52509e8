import type { EvidenceFileV2 } from "../evidence/evidence-file-v2.ts";
import { apiVersionOf, compareApi, ENGINE_API_VERSIONS } from "./api-versions.ts";
import { text } from "./raw-fields.ts";
import { reason } from "./reason.ts";
import type { TrustReason } from "./trust.ts";

// /info gives the kernel's name for the machine (uname -m); /version and images give Go's.
const MACHINE_TO_GOARCH: Record<string, string> = { x86_64: "amd64", amd64: "amd64", aarch64: "arm64", arm64: "arm64", armv7l: "arm", armv6l: "arm", i686: "386", i386: "386", ppc64le: "ppc64le", s390x: "s390x", riscv64: "riscv64" };

// An engine that exists: a version and API version released together, /version and /info telling the same
// story, and images built for the machine it runs on.
export function checkEngine(file: EvidenceFileV2): TrustReason[] {
  const engine = file.engine;
  if (!engine) return [];
  const reasons: TrustReason[] = [];
  const api = apiVersionOf(engine.version);
  if (api === "newer") {
    const newest = Object.values(ENGINE_API_VERSIONS).reduce((a, b) => (compareApi(a, b) >= 0 ? a : b));
    if (compareApi(engine.apiVersion, newest) < 0) reasons.push(reason("engine-version-api", `The engine says it is Docker ${engine.version} with API ${engine.apiVersion}; releases after ${newest}'s serve API ${newest} or newer.`));
  } else if (api !== null && api !== engine.apiVersion) {
    // Podman and other compatible engines number their own releases; only Docker's own numbers are judged.
    reasons.push(reason("engine-version-api", `The engine says it is Docker ${engine.version} with API ${engine.apiVersion}; Docker ${engine.version.split(/[+-]/)[0]} serves API ${api}.`));
  }
  const info = file.raw?.info;
  if (info) {
    const serverVersion = text(info, "ServerVersion");
    if (serverVersion !== undefined && serverVersion !== engine.version) reasons.push(reason("engine-inconsistent", `/version says Docker ${engine.version} but /info says ${serverVersion}: the documents come from different engines.`));
    const osType = text(info, "OSType");
    if (osType !== undefined && osType !== engine.os) reasons.push(reason("engine-inconsistent", `/version says the engine runs ${engine.os} containers but /info says ${osType}.`));
    const machine = text(info, "Architecture");
    const goarch = machine === undefined ? undefined : MACHINE_TO_GOARCH[machine];
    if (goarch !== undefined && goarch !== engine.arch) reasons.push(reason("engine-inconsistent", `/version says the engine's architecture is ${engine.arch} but /info says the machine is ${machine}.`));
  }
  // An engine can run other architectures' images (emulation, --platform); if none is its own, the images are not from it.
  const archs = (file.raw?.images ?? []).map((i) => text(i, "Architecture")).filter((a): a is string => a !== undefined && a !== "");
  if (archs.length > 0 && !archs.includes(engine.arch)) {
    reasons.push(reason("engine-arch", `The engine's architecture is ${engine.arch} but every image on it is built for ${[...new Set(archs)].join(", ")}.`));
  }
  return reasons;
}
