import type { EvidenceFileV2, RawDocument } from "../evidence/evidence-file-v2.ts";
import { apiVersionOf } from "./api-versions.ts";
import { record, text } from "./raw-fields.ts";
import { reason, shortId } from "./reason.ts";
import type { TrustReason } from "./trust.ts";

const CONTAINER_FILES = [["ResolvConfPath", "resolv.conf"], ["HostnamePath", "hostname"], ["HostsPath", "hosts"]] as const;

// Where a Docker engine keeps a container's things, from its own settings: its storage driver (/info's Driver,
// "overlay2", or "overlayfs" on the containerd image store) names every container's and image's GraphDriver, the
// container's files lie under /info's DockerRootDir in containers/<its own id>/, and its network sandbox is
// <exec root>/netns/<the first 12 digits of its SandboxID>, one exec root for the whole engine. A document spliced in
// from another engine, or from another container, names another place or another id.
export function checkInspectPaths(file: EvidenceFileV2): TrustReason[] {
  const raw = file.raw;
  if (!raw || !file.engine || file.engine.os !== "linux" || apiVersionOf(file.engine.version) === null) return [];
  const root = text(raw.info, "DockerRootDir")?.replace(/\/+$/, "");
  const driver = text(raw.info, "Driver");
  const reasons: TrustReason[] = [];
  const execRoots = new Map<string, string[]>();
  for (const doc of raw.containers) {
    const id = String(doc.Id);
    const label = `The container \`${String(doc.Name ?? "").replace(/^\//, "")}\` (${id.slice(0, 12)})`;
    const found: string[] = [];
    for (const [field, name] of [["GraphDriver.Name", text(doc, "GraphDriver", "Name")], ["Driver", text(doc, "Driver")]] as const) {
      if (driver && name !== undefined && name !== driver) found.push(`its ${field} is ${name} where the engine's storage driver is ${driver}`);
    }
    if (root) {
      found.push(...graphDirs(record(doc, "GraphDriver", "Data"), `${root}/${driver ?? ""}/`));
      const shared = text(doc, "HostConfig", "NetworkMode")?.startsWith("container:") ?? false;
      for (const [field, name] of CONTAINER_FILES) {
        const value = text(doc, field);
        if (!value) continue;
        const match = new RegExp(`^${escape(root)}/containers/([0-9a-f]{64})/${escape(name)}$`).exec(value);
        // A container that joins another's network (--network container:X) uses that container's files.
        if (!match || (!shared && match[1] !== id)) found.push(`its ${field} is ${value} where the engine keeps it at ${root}/containers/${id}/${name}`);
      }
      const log = text(doc, "LogPath");
      if (log && !log.startsWith(`${root}/containers/${id}/`)) found.push(`its LogPath is ${log}, outside ${root}/containers/${id}/`);
    }
    const key = text(doc, "NetworkSettings", "SandboxKey");
    const sandbox = text(doc, "NetworkSettings", "SandboxID") ?? "";
    if (key) {
      const match = /^(.+)\/netns\/([^/]+)$/.exec(key);
      const host = text(doc, "HostConfig", "NetworkMode") === "host" && match?.[2] === "default";
      if (!match || (!host && (sandbox.length < 12 || match[2] !== sandbox.slice(0, 12)))) found.push(`its SandboxKey is ${key}, where the engine names a sandbox <exec root>/netns/ and the first 12 digits of its SandboxID (${sandbox || "none"})`);
      else execRoots.set(match[1]!, [...(execRoots.get(match[1]!) ?? []), label]);
    }
    if (found.length > 0) reasons.push(reason("inspect-paths", `${label} is not this engine's: ${found.join("; ")}.`));
  }
  if (execRoots.size > 1) {
    reasons.push(reason("inspect-paths", `The containers' network sandboxes lie under ${execRoots.size} exec roots (${[...execRoots].map(([dir, who]) => `${dir}: ${who.join(", ")}`).join("; ")}); an engine has one.`));
  }
  for (const image of raw.images) {
    const name = text(image, "GraphDriver", "Name");
    if (driver && name !== undefined && name !== driver) reasons.push(reason("inspect-paths", `The image ${shortId(String(image.Id))} is stored by ${name} where the engine's storage driver is ${driver}: its document comes from another engine.`, ["images"]));
  }
  return reasons;
}

// A graph driver's folders (LowerDir holds several, joined by ":") lie under the engine's root, in the driver's folder.
function graphDirs(data: RawDocument | undefined, under: string): string[] {
  if (!data) return [];
  const dirs = Object.entries(data).flatMap(([field, value]) => (typeof value === "string" ? value.split(":").map((dir) => [field, dir] as const) : []));
  return dirs.filter(([, dir]) => dir.startsWith("/") && !dir.startsWith(under)).slice(0, 1).map(([field, dir]) => `its GraphDriver.Data.${field} holds ${dir}, outside ${under}`);
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
