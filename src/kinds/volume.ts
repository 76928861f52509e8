import type { ContainerFact, EngineSnapshot } from "../evidence/types.ts";
import { type CheckResult, passed } from "../lab/check-result.ts";
import { nearMisses } from "../lab/names.ts";
import { failedWith, type KindHints } from "./hints.ts";

// What the `volume` expectation of a lab file can say.
export interface VolumeSpec {
  name: string;
  /** false: the volume must be gone (`docker volume rm`). Default true. */
  present?: boolean;
  driver?: string;
  /** A container (by name, or any) has it mounted (at `target`, when given). */
  used_by?: { container?: string; target?: string };
  /** The handout's command that makes it, for hints (default `docker volume create <name>`). */
  create?: string;
}

// A named volume on the student's engine: there (or gone), with its driver, and mounted where the lab says.
export function checkVolume(snapshot: EngineSnapshot, spec: VolumeSpec, hints: KindHints<"volume">): CheckResult {
  const volumes = snapshot.volumes ?? [];
  const mine = volumes.find((v) => v.name === spec.name);
  const vars = { name: spec.name };
  if (spec.present === false) {
    if (!mine) return passed(`Found no volume named \`${spec.name}\`.`);
    const users = usersOf(snapshot.containers, spec.name);
    const hint = users.length ? `Remove the containers that use it first (${users.map((c) => `\`docker rm ${c.name}\``).join(", ")}), then \`docker volume rm ${spec.name}\`.` : `Remove it: \`docker volume rm ${spec.name}\`.`;
    return failedWith(hints, "present", `Expected no volume named \`${spec.name}\`; found it.`, hint, vars);
  }
  const create = spec.create ?? `docker volume create ${spec.name}`;
  if (!mine) {
    const near = nearMisses(spec.name, volumes.map((v) => v.name));
    const found = near.length ? near.map((n) => `\`${n}\``).join(", ") : volumes.length ? `only ${volumes.length === 1 ? "one other" : `${volumes.length} others`} (${volumes.slice(0, 5).map((v) => `\`${shortName(v.name)}\``).join(", ")})` : "none";
    return failedWith(hints, "missing", `Expected a volume named \`${spec.name}\`; found ${found}.`, near[0] ? `Create it with its exact name: \`${create}\` (volumes cannot be renamed).` : `Create it: \`${create}\`.`, { ...vars, found: near[0] });
  }
  if (spec.driver !== undefined && mine.driver !== spec.driver) {
    return failedWith(hints, "driver", `Expected the volume \`${spec.name}\` to use the ${spec.driver} driver; found ${mine.driver}.`, `Remove it and create it again: \`docker volume rm ${spec.name}\`, then \`${create}\`.`, vars);
  }
  if (spec.used_by) {
    const { container, target } = spec.used_by;
    const where = target ? ` at ${target}` : "";
    const candidates = snapshot.containers.filter((c) => container === undefined || c.name === container);
    const using = candidates.find((c) => (c.mounts ?? []).some((m) => m.type === "volume" && m.name === spec.name && (target === undefined || trim(m.destination) === trim(target))));
    if (!using) {
      if (container !== undefined && candidates.length === 0) return failedWith(hints, "unused", `Expected a container named \`${container}\` with the volume \`${spec.name}\` mounted${where}; found no container of that name.`, `Run it with the volume: \`docker run --name ${container} -v ${spec.name}:${target ?? "/data"} …\`.`, vars);
      const found = container !== undefined ? `\`${container}\` with ${mountsOf(candidates[0]!)}` : `no container with it mounted${where}`;
      return failedWith(hints, "unused", `Expected the volume \`${spec.name}\` mounted${where}${container !== undefined ? ` in \`${container}\`` : " in a container"}; found ${found}.`, `Mount it when you run the container: \`-v ${spec.name}:${target ?? "/data"}\` (a path without a name makes an anonymous volume).`, vars);
    }
    return passed(`Found the volume \`${spec.name}\`${mine.driver !== "local" ? ` (${mine.driver})` : ""}, mounted${where} in \`${using.name}\`.`);
  }
  return passed(`Found the volume \`${spec.name}\`${mine.driver !== "local" ? ` (${mine.driver})` : ""}.`);
}

const usersOf = (containers: readonly ContainerFact[], name: string) => containers.filter((c) => (c.mounts ?? []).some((m) => m.type === "volume" && m.name === name));
const trim = (p: string) => p.replace(/\/+$/, "") || "/";
// An anonymous volume's name is 64 hex digits: shown as docker does, 12 of them.
const shortName = (name: string) => (/^[0-9a-f]{64}$/.test(name) ? name.slice(0, 12) : name);

function mountsOf(c: ContainerFact): string {
  const mounts = c.mounts ?? [];
  if (mounts.length === 0) return "no mount";
  return mounts.map((m) => `${m.type === "volume" ? `the volume \`${shortName(m.name ?? "?")}\`` : m.type === "bind" ? `\`${m.source}\` bind-mounted` : `a ${m.type}`} at ${m.destination}`).join(", ");
}
