import { isAlias, isMap, isScalar, LineCounter, parseDocument, type Node } from "yaml";

// What a hand-in's compose file says, as plain data (https://docs.docker.com/reference/compose-file/). Line
// numbers are 1-based, as a student's editor shows them. A file labgrade cannot read is `problems`, never an error.
export interface ComposeFacts {
  services: ComposeService[];
  /** The named volumes declared at the top level (`volumes:`). */
  volumes: string[];
  /** Why parts of the file could not be read (YAML errors, a service that is not a mapping). */
  problems: string[];
}

export interface ComposeService {
  name: string;
  line: number;
  image: string | null;
  /** `build: ./web` or `build: {context, dockerfile}`: paths as written, relative to the compose file's folder. */
  build: { context: string; dockerfile: string } | null;
  /** `command:` and `entrypoint:` as lists (a string is split as a shell would, quotes respected). */
  command: string[] | null;
  entrypoint: string[] | null;
  environment: Record<string, string>;
  dependsOn: string[];
  /** `- data:/data` (a named volume), `- ./site:/site` (a bind), `- /cache` (anonymous). */
  mounts: Array<{ type: "volume" | "bind" | "anonymous"; source: string | null; target: string; readOnly: boolean }>;
  /** `- "8000:8000"`: the container ports it publishes. */
  ports: string[];
  /** `deploy.replicas` or `scale`. */
  replicas: number | null;
  /** Settings labgrade's sandbox never grants (privileged, host namespaces, devices, added capabilities …), as written. */
  unsafe: string[];
}

const UNSAFE_KEYS = ["privileged", "cap_add", "devices", "device_cgroup_rules", "security_opt", "sysctls", "userns_mode", "cgroup_parent", "runtime", "volumes_from", "pid", "ipc", "uts", "network_mode", "extra_hosts", "external_links", "links", "secrets", "configs"];

export function readComposeFacts(text: string): ComposeFacts {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, merge: true, uniqueKeys: false });
  const problems = doc.errors.map((e) => `Line ${e.linePos?.[0]?.line ?? "?"}: ${e.message.split("\n")[0]}`);
  const root = doc.contents;
  if (!isMap(root)) return { services: [], volumes: [], problems: [...problems, root ? "The file is not a mapping of `services:`, `volumes:` …" : "The file is empty."] };
  const data = doc.toJS({ maxAliasCount: 100 }) as Record<string, unknown>;
  const servicesNode = root.get("services", true);
  const services: ComposeService[] = [];
  if (isMap(servicesNode)) {
    for (const pair of servicesNode.items) {
      const name = isScalar(pair.key) ? String(pair.key.value) : "?";
      const line = lineOf(pair.key as Node | null, lines);
      const value = (data.services as Record<string, unknown>)[name];
      if (!value || typeof value !== "object" || Array.isArray(value)) {
        problems.push(`Line ${line}: the service \`${name}\` is not a mapping of its settings.`);
        continue;
      }
      services.push(service(name, line, value as Record<string, unknown>));
    }
  } else if (servicesNode !== undefined && !isAlias(servicesNode)) problems.push("`services:` is not a mapping of service names to their settings.");
  const volumes = data.volumes && typeof data.volumes === "object" ? Object.keys(data.volumes as object) : [];
  return { services, volumes, problems };
}

function service(name: string, line: number, s: Record<string, unknown>): ComposeService {
  const build = s.build === undefined || s.build === null ? null : typeof s.build === "string" ? { context: s.build, dockerfile: "Dockerfile" } : { context: String((s.build as Record<string, unknown>).context ?? "."), dockerfile: String((s.build as Record<string, unknown>).dockerfile ?? "Dockerfile") };
  const deploy = (s.deploy ?? {}) as Record<string, unknown>;
  const replicas = typeof deploy.replicas === "number" ? deploy.replicas : typeof s.scale === "number" ? s.scale : null;
  return {
    name,
    line,
    image: typeof s.image === "string" ? s.image : null,
    build,
    command: words(s.command),
    entrypoint: words(s.entrypoint),
    environment: environment(s.environment),
    dependsOn: Array.isArray(s.depends_on) ? s.depends_on.map(String) : s.depends_on && typeof s.depends_on === "object" ? Object.keys(s.depends_on) : [],
    mounts: (Array.isArray(s.volumes) ? s.volumes : []).map(mount).filter((m) => m !== null),
    ports: (Array.isArray(s.ports) ? s.ports : []).map((p) => (typeof p === "object" && p !== null ? String((p as Record<string, unknown>).target ?? "") : String(p))),
    replicas,
    unsafe: UNSAFE_KEYS.filter((k) => s[k] !== undefined && s[k] !== false && !(Array.isArray(s[k]) && (s[k] as unknown[]).length === 0)).map((k) => `${k}: ${JSON.stringify(s[k])}`),
  };
}

// `- data:/data:ro`, `- ./site:/usr/share/site`, `- /cache`, or the long form {type, source, target, read_only}.
function mount(raw: unknown): ComposeService["mounts"][number] | null {
  if (raw && typeof raw === "object") {
    const m = raw as Record<string, unknown>;
    const type = m.type === "bind" ? "bind" : m.source ? "volume" : "anonymous";
    return typeof m.target === "string" ? { type, source: typeof m.source === "string" ? m.source : null, target: m.target, readOnly: m.read_only === true } : null;
  }
  if (typeof raw !== "string") return null;
  const parts = raw.split(":");
  if (parts.length === 1) return { type: "anonymous", source: null, target: parts[0]!, readOnly: false };
  const [source, target, mode] = parts as [string, string, string | undefined];
  const bind = /^[./~]/.test(source) || source.startsWith("$");
  return { type: bind ? "bind" : "volume", source, target, readOnly: mode?.split(",").includes("ro") ?? false };
}

function environment(raw: unknown): Record<string, string> {
  if (Array.isArray(raw)) return Object.fromEntries(raw.map(String).map((e) => [e.split("=")[0]!, e.includes("=") ? e.slice(e.indexOf("=") + 1) : ""]));
  if (raw && typeof raw === "object") return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, v === null ? "" : String(v)]));
  return {};
}

// A command as compose runs it: a list as written, or a string split as a shell would.
function words(raw: unknown): string[] | null {
  if (Array.isArray(raw)) return raw.map(String);
  if (typeof raw !== "string") return null;
  return [...raw.matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g)].map((m) => m[1]?.replace(/\\(.)/g, "$1") ?? m[2] ?? m[3] ?? "");
}

function lineOf(node: Node | null, lines: LineCounter): number {
  const range = (node as { range?: [number, number, number] } | null)?.range;
  return range ? lines.linePos(range[0]).line : 1;
}

/** The compose file names docker compose looks for, in its order. */
export const COMPOSE_FILE_NAMES = ["compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml"];
