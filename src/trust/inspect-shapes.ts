// How a container's inspect document is shaped on each Docker API version, as measured on genuine documents from
// Docker 20.10 (API 1.41), 26.1 (1.45) and 28.5 (1.51), each image store (labgrade lab record --throwaway), and
// agreeing with the API's version history (docs.docker.com/reference/api/engine/version-history). A fact is
// known up to and from the versions it was measured on; between two measurements that disagree nothing is judged.

/** Keys Go leaves out when empty (`json:",omitempty"`): their absence says nothing. */
export const OPTIONAL_KEYS: Readonly<Record<"top" | "State" | "Config", readonly string[]>> = {
  top: ["Node", "SizeRw", "SizeRootFs", "ImageManifestDescriptor"],
  State: ["Health"],
  Config: ["ExposedPorts", "Healthcheck", "ArgsEscaped", "NetworkDisabled", "MacAddress", "StopSignal", "StopTimeout", "Shell"],
};

export interface KeyRule {
  /** Where the key is: "HostConfig", or "endpoint" for each network of NetworkSettings.Networks. */
  in: "HostConfig" | "endpoint";
  key: string;
  /** Measured present on this API version and taken to be on every older one; absent from `absentFrom` on. */
  presentUpTo?: string;
  absentFrom?: string;
  /** Measured absent up to this version, present from `presentFrom` on. */
  absentUpTo?: string;
  presentFrom?: string;
}

export const KEY_RULES: readonly KeyRule[] = [
  // Removed from HostConfig in API 1.42 (Docker 23).
  { in: "HostConfig", key: "KernelMemory", presentUpTo: "1.41", absentFrom: "1.45" },
  { in: "HostConfig", key: "KernelMemoryTCP", presentUpTo: "1.41", absentFrom: "1.45" },
  // Added to EndpointSettings in API 1.44 (Docker 25) and 1.48 (Docker 28).
  { in: "endpoint", key: "DNSNames", absentUpTo: "1.41", presentFrom: "1.45" },
  { in: "endpoint", key: "GwPriority", absentUpTo: "1.45", presentFrom: "1.51" },
];

/**
 * A container that ran and exited, on its engine's default network: up to this API version it keeps its network
 * sandbox (SandboxID, SandboxKey), an engine restart included (measured on 20.10 and 26.1); from `releasedFrom` on
 * the engine releases it at exit.
 */
export const EXITED_SANDBOX = { keptUpTo: "1.45", releasedFrom: "1.51" } as const;
