import type { EngineSnapshot } from "../evidence/types.ts";
import { type CheckResult, passed } from "../lab/check-result.ts";
import { nearMisses } from "../lab/names.ts";
import { failedWith, type KindHints } from "./hints.ts";
import { joinAnd } from "./text-spec.ts";

// What the `network` expectation of a lab file can say.
export interface NetworkSpec {
  name: string;
  /** false: the network must be gone (`docker network rm`). Default true. */
  present?: boolean;
  driver?: string;
  internal?: boolean;
  /** Containers attached to it, by name (a container keeps its networks when it stops). */
  containers?: string[];
  /** The handout's command that makes it, for hints (default `docker network create <name>`). */
  create?: string;
}

// A user-defined network on the student's engine, with its driver and the containers attached to it.
export function checkNetwork(snapshot: EngineSnapshot, spec: NetworkSpec, hints: KindHints<"network">): CheckResult {
  const networks = snapshot.networks ?? [];
  const mine = networks.find((n) => n.name === spec.name);
  const vars = { name: spec.name };
  if (spec.present === false) {
    return mine ? failedWith(hints, "present", `Expected no network named \`${spec.name}\`; found it.`, `Remove it: \`docker network rm ${spec.name}\` (disconnect or remove its containers first).`, vars) : passed(`Found no network named \`${spec.name}\`.`);
  }
  const create = spec.create ?? `docker network create ${spec.name}`;
  if (!mine) {
    const near = nearMisses(spec.name, networks.map((n) => n.name));
    const own = networks.filter((n) => !["bridge", "host", "none"].includes(n.name)).map((n) => `\`${n.name}\``);
    const found = near.length ? near.map((n) => `\`${n}\``).join(", ") : own.length ? `only ${own.join(", ")}` : "only the engine's own (bridge, host, none)";
    return failedWith(hints, "missing", `Expected a network named \`${spec.name}\`; found ${found}.`, `Create it: \`${create}\`.`, { ...vars, found: near[0] });
  }
  if (spec.driver !== undefined && mine.driver !== spec.driver) {
    return failedWith(hints, "driver", `Expected the network \`${spec.name}\` to use the ${spec.driver} driver; found ${mine.driver}.`, `Remove it and create it again: \`docker network rm ${spec.name}\`, then \`${create}\`.`, vars);
  }
  if (spec.internal !== undefined && mine.internal !== spec.internal) {
    return failedWith(hints, "internal", `Expected the network \`${spec.name}\` ${spec.internal ? "to be internal (--internal)" : "not to be internal"}; found it ${mine.internal ? "internal" : "not internal"}.`, `Remove it and create it again: \`docker network rm ${spec.name}\`, then \`${create}\`.`, vars);
  }
  for (const name of spec.containers ?? []) {
    const container = snapshot.containers.find((c) => c.name === name);
    if (!container) {
      const near = nearMisses(name, snapshot.containers.map((c) => c.name));
      return failedWith(hints, "container-missing", `Expected a container named \`${name}\` on the network \`${spec.name}\`; found ${near.length ? near.map((n) => `\`${n}\``).join(", ") : "no container of that name"}.`, `Run it on the network: \`docker run --name ${name} --network ${spec.name} …\`.`, { ...vars, container: name });
    }
    const on = (container.networks ?? []).map((n) => n.name);
    if (!on.includes(spec.name)) {
      return failedWith(hints, "not-attached", `Expected \`${name}\` attached to the network \`${spec.name}\`; found it on ${on.length ? on.map((n) => `\`${n}\``).join(", ") : "no network"}.`, `Attach it: \`docker network connect ${spec.name} ${name}\` (or run it with \`--network ${spec.name}\`).`, { ...vars, container: name });
    }
  }
  const attached = spec.containers?.length ? `, with ${joinAnd(spec.containers.map((c) => `\`${c}\``))} attached` : "";
  return passed(`Found the network \`${spec.name}\` (${mine.driver}${mine.internal ? ", internal" : ""})${attached}.`);
}
