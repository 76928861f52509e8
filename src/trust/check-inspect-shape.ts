import type { EvidenceFileV2, RawDocument } from "../evidence/evidence-file-v2.ts";
import { apiVersionOf, compareApi } from "./api-versions.ts";
import { EXITED_SANDBOX, KEY_RULES, type KeyRule, OPTIONAL_KEYS } from "./inspect-shapes.ts";
import { parseTime } from "./parse-time.ts";
import { record, text } from "./raw-fields.ts";
import { reason } from "./reason.ts";
import type { TrustReason } from "./trust.ts";

type Part = keyof typeof OPTIONAL_KEYS;

// Every container document of one engine is the same Go struct written out: the same keys as its siblings (but
// those Go leaves out when empty), and the keys its engine's API version writes (inspect-shapes.ts). A document
// made by hand, or spliced in from another engine version, is shaped otherwise.
export function checkInspectShape(file: EvidenceFileV2): TrustReason[] {
  const raw = file.raw;
  if (!raw || !file.engine || raw.containers.length === 0) return [];
  const reasons: TrustReason[] = [...siblingKeys(raw.containers), ...siblingSandboxes(raw.containers)];
  const api = apiVersionOf(file.engine.version) === null ? null : file.engine.apiVersion;
  if (api === null) return reasons;
  for (const doc of raw.containers) {
    const found = [...versionKeys(doc, api), ...startedFiles(doc), ...exitedSandbox(doc, api)];
    if (found.length > 0) reasons.push(reason("inspect-shape", `${label(doc)} is not shaped as Docker ${file.engine.version} (API ${api}) writes it: ${found.join("; ")}.`));
  }
  return reasons;
}

// One engine keeps an exited container's network sandbox or releases it, the same for all (whatever its version):
// exited, once-started containers on the default network that disagree were not all written by one engine.
function siblingSandboxes(docs: readonly RawDocument[]): TrustReason[] {
  const exited = docs.filter((d) => text(d, "State", "Status") === "exited" && (parseTime(text(d, "State", "StartedAt") ?? "") ?? 0) > 0 && ["default", "bridge"].includes(text(d, "HostConfig", "NetworkMode") ?? ""));
  const kept = exited.filter((d) => text(d, "NetworkSettings", "SandboxID"));
  if (kept.length === 0 || kept.length === exited.length) return [];
  const odd = kept.length * 2 >= exited.length ? exited.filter((d) => !text(d, "NetworkSettings", "SandboxID")) : kept;
  return odd.map((doc) => reason("inspect-shape", `${label(doc)} is not shaped as the engine's other exited containers: ${kept.length} of the ${exited.length} exited containers on the default network keep their network sandbox, and one engine keeps it for all of them or for none.`));
}

function siblingKeys(docs: readonly RawDocument[]): TrustReason[] {
  const reasons: TrustReason[] = [];
  for (const part of Object.keys(OPTIONAL_KEYS) as Part[]) {
    const shapes = docs.map((doc) => ({ doc, keys: keysOf(part === "top" ? doc : record(doc, part), OPTIONAL_KEYS[part]) }));
    const counts = new Map<string, number>();
    for (const { keys } of shapes) counts.set(keys.join(","), (counts.get(keys.join(",")) ?? 0) + 1);
    if (counts.size < 2) continue;
    const usual = [...counts].sort((a, b) => b[1] - a[1])[0]![0].split(",");
    for (const { doc, keys } of shapes.filter((s) => s.keys.join(",") !== usual.join(","))) {
      const extra = keys.filter((k) => !usual.includes(k));
      const missing = usual.filter((k) => !keys.includes(k));
      const where = part === "top" ? "" : `${part}.`;
      reasons.push(reason("inspect-shape", `${label(doc)} is not shaped as the engine's other container documents: ${[...(missing.length ? [`it lacks ${missing.map((k) => where + k).join(", ")}`] : []), ...(extra.length ? [`it has ${extra.map((k) => where + k).join(", ")}, which they do not`] : [])].join(" and ")}.`));
    }
  }
  return reasons;
}

function versionKeys(doc: RawDocument, api: string): string[] {
  const found: string[] = [];
  for (const rule of KEY_RULES) {
    const expect = expected(rule, api);
    if (expect === null) continue;
    const holders = rule.in === "HostConfig" ? [record(doc, "HostConfig")] : Object.values(record(doc, "NetworkSettings", "Networks") ?? {});
    for (const holder of holders.filter((h): h is RawDocument => typeof h === "object" && h !== null)) {
      const has = Object.hasOwn(holder, rule.key);
      const where = rule.in === "HostConfig" ? "HostConfig" : "a network endpoint";
      if (has !== expect) found.push(`${where} ${has ? "has" : "lacks"} ${rule.key}, which API ${api} ${expect ? "always writes" : "no longer writes"}`);
    }
  }
  return found;
}

// Whether the key is there on this API version: null where no measurement tells.
function expected(rule: KeyRule, api: string): boolean | null {
  if (rule.presentUpTo && compareApi(api, rule.presentUpTo) <= 0) return true;
  if (rule.absentFrom && compareApi(api, rule.absentFrom) >= 0) return false;
  if (rule.absentUpTo && compareApi(api, rule.absentUpTo) <= 0) return false;
  if (rule.presentFrom && compareApi(api, rule.presentFrom) >= 0) return true;
  return null;
}

// A container that ran and exited on the default network keeps its sandbox up to API 1.45 (after a restart of the
// engine too); from 1.51 on its sandbox is released at exit.
function exitedSandbox(doc: RawDocument, api: string): string[] {
  const finished = parseTime(text(doc, "State", "FinishedAt"));
  const mode = text(doc, "HostConfig", "NetworkMode");
  if (text(doc, "State", "Status") !== "exited" || parseTime(text(doc, "State", "StartedAt")) === null || finished === null || (mode !== "default" && mode !== "bridge")) return [];
  const sandbox = text(doc, "NetworkSettings", "SandboxID") ?? "";
  if (compareApi(api, EXITED_SANDBOX.releasedFrom) >= 0 && sandbox !== "") return [`it exited ${text(doc, "State", "FinishedAt")} and still holds the network sandbox ${sandbox.slice(0, 12)}, which API ${api} releases when a container exits`];
  if (compareApi(api, EXITED_SANDBOX.keptUpTo) <= 0 && sandbox === "") return [`it exited ${text(doc, "State", "FinishedAt")} with no network sandbox, which API ${api} keeps for an exited container, the engine's restarts included`];
  return [];
}

// The engine writes a container's resolv.conf, hostname and hosts files when it first starts it (a container that
// never started has none): every version measured, both stores. One that shares another's network uses that one's.
function startedFiles(doc: RawDocument): string[] {
  const mode = text(doc, "HostConfig", "NetworkMode");
  if (parseTime(text(doc, "State", "StartedAt")) === null || (mode !== "default" && mode !== "bridge")) return [];
  const missing = ["ResolvConfPath", "HostnamePath", "HostsPath"].filter((field) => !text(doc, field));
  return missing.length > 0 ? [`it started ${text(doc, "State", "StartedAt")} yet has no ${missing.join(", ")}, which the engine writes when a container first starts`] : [];
}

function keysOf(doc: RawDocument | undefined, optional: readonly string[]): string[] {
  return doc ? Object.keys(doc).filter((k) => !optional.includes(k)).sort() : [];
}

function label(doc: RawDocument): string {
  return `The container \`${String(doc.Name ?? "").replace(/^\//, "")}\` (${String(doc.Id).slice(0, 12)})`;
}
