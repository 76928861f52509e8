import type { NetworkFact, VolumeFact } from "./types.ts";

// A volume and a network as the checks see them, from `docker volume ls` and `docker network ls` (the engine's
// /volumes and /networks lists, which hold what these need).

export function mapVolume(doc: Record<string, unknown>): VolumeFact {
  return { name: String(doc.Name), driver: String(doc.Driver ?? "local"), labels: labelsOf(doc.Labels), created: typeof doc.CreatedAt === "string" ? doc.CreatedAt : null };
}

export function mapNetwork(doc: Record<string, unknown>): NetworkFact {
  return { id: String(doc.Id), name: String(doc.Name), driver: String(doc.Driver ?? ""), internal: doc.Internal === true, labels: labelsOf(doc.Labels), created: String(doc.Created ?? "") };
}

// The engine sends Labels: null for an object without labels.
function labelsOf(value: unknown): Record<string, string> {
  return value && typeof value === "object" ? Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, String(v)])) : {};
}

export const byName = <T extends { name: string }>(a: T, b: T): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
