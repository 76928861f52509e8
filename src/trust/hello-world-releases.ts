// Image ids of hello-world releases as engines show them once the image is gone from the list: on the
// classic store (overlay2) the id is the image config's digest, per architecture; on the containerd image
// store it is the digest of the multi-platform index, the same on every architecture.
// Sources: `docker image rm hello-world` transcripts in public lab write-ups and tutorials ("Untagged:
// hello-world@sha256:…" then "Deleted: sha256:<id>"), `docker save` manifests (Config), and `docker inspect`
// output ("Descriptor": an OCI index) found with a public code search; each id below was seen in more than
// one of them, with the date its image was built.
export const HELLO_WORLD_RELEASES: ReadonlyArray<{ id: string; arch: string | "any"; built: string }> = [
  { id: "sha256:4ab4c602aa5eed5528a6620ff18a1dc4faef0e1ab3a5eddeddb410714478c67f", arch: "amd64", built: "2018-09" },
  { id: "sha256:fce289e99eb9bca977dae136fbe2a82b6b7d4c372474c9235adc1741675f587e", arch: "amd64", built: "2019-01" },
  { id: "sha256:bf756fb1ae65adf866bd8c456593cd24beb6a0a061dedf42b26a993176745f6b", arch: "amd64", built: "2020-01" },
  { id: "sha256:d1165f2212346b2bab48cb01c1e39ee8ad1be46b87873d9ca7a4e434980a7726", arch: "amd64", built: "2021-03" },
  { id: "sha256:feb5d9fea6a5e9606aa995e879d862b825965ba48de054caab5ef356dc6b3412", arch: "amd64", built: "2021-09" },
  { id: "sha256:9c7a54a9a43cca047013b82af109fe963fde787f63f9e016fdc3384500c2823d", arch: "amd64", built: "2023-05" },
  { id: "sha256:d2c94e258dcb3c5ac2798d32e1249e42ef01cba4841c2234249495f87264ac5a", arch: "amd64", built: "2023-05" },
  { id: "sha256:74cc54e27dc41bb10dc4b2226072d469509f2f22f1a3ce74f4a59661a1d44602", arch: "amd64", built: "2025-01" },
  { id: "sha256:1b44b5a3e06a9aae883e7bf25e45c100be0bb81a0e01b32de604f3ac44711634", arch: "amd64", built: "2025-08" },
  // containerd image store: the index digest (inspect's Descriptor is application/vnd.oci.image.index.v1+json).
  { id: "sha256:ef54e839ef541993b4e87f25e752f7cf4238fa55f017957c2eb44077083d7a6a", arch: "any", built: "2025-08" },
];

export function isKnownHelloWorld(imageId: string, arch: string | undefined): boolean {
  return HELLO_WORLD_RELEASES.some((r) => r.id === imageId && (r.arch === "any" || arch === undefined || r.arch === arch));
}

// What hello-world prints, whatever its release: these lines, and the architecture it was built for.
export const HELLO_WORLD_LINES = ["Hello from Docker!", "This message shows that your installation appears to be working correctly."];
/** The line labgrade's offline substitute adds (it prints "(amd64)" whatever machine built it). */
export const SUBSTITUTE_LINE = "(This is labgrade's offline substitute for the hello-world image.)";
// hello-world names its build in the second step: "(amd64)", "(arm64v8)", "(arm32v7)" …
const BUILD_ARCH: Record<string, string[]> = { amd64: ["amd64"], arm64: ["arm64v8"], arm: ["arm32v5", "arm32v6", "arm32v7"], "386": ["i386"], ppc64le: ["ppc64le"], s390x: ["s390x"], riscv64: ["riscv64"], mips64le: ["mips64le"] };

/** The build names hello-world prints on this engine architecture; undefined for one this table does not know. */
export function helloWorldBuilds(arch: string): string[] | undefined {
  return BUILD_ARCH[arch];
}
