import type { ContainerFact, MountFact } from "../../evidence/types.ts";
import type { ContainerSpec, MountSpec, NetworkAttachSpec, PortSpec } from "./container-spec.ts";

/** One demand on how a container was created that it does not meet. `missing`: the evidence does not show it (an older file). */
export interface ConfigMiss {
  finding: "flags" | "mounts" | "networks" | "env" | "ports" | "restart" | "not-collected";
  expected: string;
  found: string;
  /** A fix that needs no new container (`docker network connect …`), when there is one. */
  fix?: string;
}

// The demands on how a container was made that it misses, in the spec's order.
export function configMisses(c: ContainerFact, spec: ContainerSpec): ConfigMiss[] {
  const misses: ConfigMiss[] = [];
  const shown = (field: keyof ContainerFact) => c[field] !== undefined;
  const wants = { mounts: spec.mounts, networks: spec.networks, env: spec.env, ports: spec.ports, restart: spec.restart };
  const unseen = (Object.keys(wants) as Array<keyof typeof wants>).filter((k) => wants[k] !== undefined && !shown(k));
  if (unseen.length > 0) return [{ finding: "not-collected", expected: `to show its ${unseen.join(" and ")}`, found: "an evidence file from an older labgrade, which does not record them" }];
  for (const mount of spec.mounts ?? []) {
    if (!(c.mounts ?? []).some((m) => mountFits(m, mount))) misses.push({ finding: "mounts", expected: `to have ${mountWords(mount)}`, found: mountsFound(c.mounts ?? []) });
  }
  for (const wanted of (spec.networks ?? []).map(asAttach)) {
    const on = (c.networks ?? []).find((n) => n.name === wanted.name);
    const aliases = (wanted.aliases ?? []).filter((a) => !on?.aliases.includes(a));
    if (!on) misses.push({ finding: "networks", expected: `to be attached to the network \`${wanted.name}\``, found: `it on ${networksFound(c)}`, fix: `docker network connect ${wanted.aliases?.length ? `${wanted.aliases.map((a) => `--alias ${a} `).join("")}` : ""}${wanted.name} ${c.name}` });
    else if (aliases.length > 0) misses.push({ finding: "networks", expected: `to be reached as ${aliases.map((a) => `\`${a}\``).join(", ")} on \`${wanted.name}\``, found: on.aliases.length ? `the aliases ${on.aliases.map((a) => `\`${a}\``).join(", ")}` : "no alias there" });
  }
  for (const [key, value] of Object.entries(spec.env ?? {})) {
    const set = (c.env ?? []).find((e) => e.startsWith(`${key}=`));
    if (set !== `${key}=${value}`) misses.push({ finding: "env", expected: `to have ${key}=${value} in its environment`, found: set ? `\`${set}\`` : `no ${key}` });
  }
  for (const port of spec.ports ?? []) {
    if (!(c.ports ?? []).some((p) => portFits(p, port))) misses.push({ finding: "ports", expected: `to publish ${portWords(port)}`, found: (c.ports ?? []).length ? `it publishes ${(c.ports ?? []).map((p) => `port ${p.container.replace(/\/tcp$/, "")}${p.host ? ` on host port ${p.host}` : " on no host port"}`).join(", ")}` : "no published port" });
  }
  if (spec.restart !== undefined && (c.restart ?? "no") !== spec.restart) misses.push({ finding: "restart", expected: `to have the restart policy \`${spec.restart}\``, found: `\`${c.restart ?? "no"}\``, fix: `docker update --restart ${spec.restart} ${c.name}` });
  return misses;
}

/** How the spec's demands read in a pass message: "with the volume data at /data, on the network labnet". */
export function configWords(spec: ContainerSpec): string[] {
  return [
    ...(spec.mounts ?? []).map((m) => `with ${mountWords(m)}`),
    ...(spec.networks ?? []).map(asAttach).map((n) => `on the network ${n.name}${n.aliases?.length ? ` as ${n.aliases.join(", ")}` : ""}`),
    ...Object.entries(spec.env ?? {}).map(([k, v]) => `with ${k}=${v}`),
    ...(spec.ports ?? []).map((p) => `publishing ${portWords(p)}`),
    ...(spec.restart !== undefined ? [`restarting ${spec.restart}`] : []),
  ];
}

const asAttach = (n: string | NetworkAttachSpec): NetworkAttachSpec => (typeof n === "string" ? { name: n } : n);

function mountFits(m: MountFact, spec: MountSpec): boolean {
  if (trimSlash(m.destination) !== trimSlash(spec.target)) return false;
  if (spec.read_only !== undefined && m.readOnly !== spec.read_only) return false;
  if (spec.volume !== undefined) return m.type === "volume" && m.name === spec.volume;
  if (spec.tmpfs) return m.type === "tmpfs";
  if (spec.bind !== undefined && spec.bind !== false) return m.type === "bind" && (spec.bind === true || endsWithPath(m.source, spec.bind));
  return true;
}

function mountWords(spec: MountSpec): string {
  const what = spec.volume !== undefined ? `the volume \`${spec.volume}\`` : spec.tmpfs ? "a tmpfs" : typeof spec.bind === "string" ? `the folder \`${spec.bind}\` bind-mounted` : spec.bind ? "a folder bind-mounted" : "a mount";
  return `${what} at ${spec.target}${spec.read_only ? " (read-only)" : ""}`;
}

function mountsFound(mounts: readonly MountFact[]): string {
  if (mounts.length === 0) return "no mount";
  return mounts.map((m) => `${m.type === "volume" ? volumeWords(m.name) : m.type === "bind" ? `\`${m.source}\` bind-mounted` : `a ${m.type}`} at ${m.destination}`).join(", ");
}

// A volume made without a name (`-v /data`) has 64 hex digits for one: shown as docker does, 12 of them.
function volumeWords(name: string | null): string {
  if (name && /^[0-9a-f]{64}$/.test(name)) return `an anonymous volume (${name.slice(0, 12)}, made by \`-v\` without a name)`;
  return `the volume \`${name ?? "?"}\``;
}

function networksFound(c: ContainerFact): string {
  const names = (c.networks ?? []).map((n) => `\`${n.name}\``);
  return names.length ? names.join(", ") : "no network";
}

// Docker Desktop shows a Windows folder as /run/desktop/mnt/host/c/Users/…; compare the last parts.
function endsWithPath(source: string, wanted: string): boolean {
  const parts = (p: string) => p.replace(/\\/g, "/").split("/").filter((s) => s !== "" && s !== ".");
  const have = parts(source);
  const want = parts(wanted);
  return want.length > 0 && want.every((w, i) => have[have.length - want.length + i] === w);
}

const trimSlash = (p: string) => p.replace(/\/+$/, "") || "/";

function portFits(p: { container: string; host: string | null }, spec: PortSpec): boolean {
  const port = String(spec.container).includes("/") ? String(spec.container) : `${spec.container}/tcp`;
  return p.container === port && p.host !== null && (spec.host === undefined || p.host === String(spec.host));
}

function portWords(spec: PortSpec): string {
  return `port ${spec.container}${spec.host !== undefined ? ` on host port ${spec.host}` : ""}`;
}
