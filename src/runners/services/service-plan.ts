import type { ComposeService } from "../../dockerfile/compose-facts.ts";

/** A service as labgrade starts it: built from the hand-in, or from an image the lab uses. */
export interface PlannedService {
  name: string;
  build: { context: string; dockerfile: string } | null;
  image: string | null;
  command: string[] | null;
  entrypoint: string[] | null;
  environment: Record<string, string>;
  dependsOn: string[];
  /** Named volumes only: a bind mount of the student's machine is never given to the sandbox. */
  volumes: Array<{ name: string; target: string; readOnly: boolean }>;
  notes: string[];
  /** Why labgrade does not start it, and what the student does about it; null when it starts it. */
  refused: Refusal | null;
}

export interface Refusal {
  why: string;
  fix: string;
}

// The compose file's services in an order that starts each after what it depends on; what labgrade's sandbox
// never grants (privileged, host namespaces, added capabilities, devices …) refuses that service. A cycle in
// depends_on refuses the services in it, as docker compose does.
export function planServices(services: readonly ComposeService[], declaredVolumes: readonly string[]): PlannedService[] {
  const planned = services.map((s): PlannedService => {
    const binds = s.mounts.filter((m) => m.type === "bind");
    const notes = binds.map((m) => `the bind mount of \`${m.source}\` at ${m.target} was left out: labgrade's sandbox never sees the machine's folders`);
    const refused: Refusal | null = s.unsafe.length
      ? { why: `labgrade's sandbox does not run a service with ${s.unsafe.map((u) => `\`${u}\``).join(", ")}`, fix: "Remove that setting from the compose file: the lab does not need it." }
      : !s.build && !s.image
        ? { why: "it has neither `image:` nor `build:`", fix: `Give \`${s.name}\` an image (\`image: python\`) or a folder to build (\`build: ./${s.name}\`).` }
        : null;
    const volumes = s.mounts.filter((m) => m.type === "volume" && m.source !== null).map((m) => ({ name: m.source!, target: m.target, readOnly: m.readOnly }));
    const undeclared = volumes.filter((v) => !declaredVolumes.includes(v.name)).map((v) => v.name);
    return {
      name: s.name,
      build: s.build,
      image: s.image,
      command: s.command,
      entrypoint: s.entrypoint,
      environment: s.environment,
      dependsOn: s.dependsOn,
      volumes,
      notes,
      refused: refused ?? (undeclared.length ? { why: `it mounts ${undeclared.map((v) => `\`${v}\``).join(", ")}, which the file does not declare under the top-level \`volumes:\` (docker compose refuses that too)`, fix: `Declare ${undeclared.length === 1 ? "it" : "them"} at the top level of the compose file: \`volumes:\` then \`  ${undeclared[0]}:\`.` } : null),
    };
  });
  return startOrder(planned);
}

function startOrder(services: PlannedService[]): PlannedService[] {
  const byName = new Map(services.map((s) => [s.name, s]));
  const ordered: PlannedService[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (s: PlannedService, path: string[]): void => {
    if (state.get(s.name) === "done") return;
    if (state.get(s.name) === "visiting") {
      const circle = [...path.slice(path.indexOf(s.name)), s.name].join(" → ");
      for (const name of path.slice(path.indexOf(s.name))) byName.get(name)!.refused ??= { why: `its depends_on goes round in a circle (${circle})`, fix: "Break the circle: a service cannot depend, even through others, on itself." };
      return;
    }
    state.set(s.name, "visiting");
    for (const dep of s.dependsOn) {
      const d = byName.get(dep);
      if (d) visit(d, [...path, s.name]);
    }
    state.set(s.name, "done");
    ordered.push(s);
  };
  for (const s of services) visit(s, []);
  return ordered;
}
