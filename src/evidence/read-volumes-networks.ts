import type Dockerode from "dockerode";
import type { RawDocument } from "./evidence-file-v2.ts";
import { engineCall } from "./engine-call.ts";
import { isHarnessContainer } from "./harness-objects.ts";

// The engine's volumes and networks (`docker volume ls`, `docker network ls`) as it sends them, labgrade's and
// testcontainers' own left out (they carry the same labels as their containers).
export async function readVolumesAndNetworks(docker: Dockerode): Promise<{ volumes: RawDocument[]; networks: RawDocument[] }> {
  const listed = (await engineCall("listing volumes", () => docker.listVolumes())) as unknown as { Volumes?: RawDocument[] | null };
  const networks = (await engineCall("listing networks", () => docker.listNetworks())) as unknown as RawDocument[];
  const theirs = (doc: RawDocument) => !isHarnessContainer(doc.Labels as Record<string, string> | null | undefined);
  return { volumes: (listed.Volumes ?? []).filter(theirs), networks: networks.filter(theirs) };
}
