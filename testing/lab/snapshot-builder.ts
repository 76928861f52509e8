// Hand-built snapshots for the checks' tests.
import { type ContainerFact, EVIDENCE_SCHEMA, type EngineSnapshot, type ImageFact, type NetworkFact, type VolumeFact } from "../../src/evidence/types.ts";

export const HELLO_OUTPUT = "\nHello from Docker!\nThis message shows that your installation appears to be working correctly.\n";

let next = 0;

// An exited `docker run hello-world` that printed its greeting; override what a test is about.
export function container(over: Partial<ContainerFact> = {}): ContainerFact {
  next += 1;
  return {
    id: `c${next}`,
    name: `eager_hopper_${next}`,
    image: "hello-world",
    imageId: "sha256:hello",
    created: "2026-01-01T10:00:00Z",
    interactive: false,
    tty: false,
    command: ["/hello"],
    status: "exited",
    everStarted: true,
    exitCode: 0,
    startedAt: "2026-01-01T10:00:01Z",
    finishedAt: "2026-01-01T10:00:02Z",
    logs: HELLO_OUTPUT,
    logsTruncated: false,
    ...over,
  };
}

// The handout's `docker container create -i -t --name mycontainer hello-world`, then started with --attach -i.
export function mycontainer(over: Partial<ContainerFact> = {}): ContainerFact {
  return container({ name: "mycontainer", interactive: true, tty: true, logs: HELLO_OUTPUT.replace(/\n/g, "\r\n"), ...over });
}

// The same, created and never started.
export const neverStarted: Partial<ContainerFact> = { status: "created", everStarted: false, exitCode: null, startedAt: null, finishedAt: null, logs: "" };

export function image(tags: string[], over: Partial<ImageFact> = {}): ImageFact {
  next += 1;
  return { id: over.id ?? `sha256:i${next}`, tags, created: "2026-01-01T09:00:00.000Z", substitute: false, ...over };
}

export function snapshot(over: Partial<EngineSnapshot> = {}): EngineSnapshot {
  return {
    schema: EVIDENCE_SCHEMA,
    collectedAt: "2026-01-02T00:00:00.000Z",
    labgradeVersion: "0.1.0",
    client: { version: "28.2.2" },
    engine: { version: "28.2.2", apiVersion: "1.50", os: "linux", arch: "amd64", operatingSystem: "Docker Desktop" },
    endpoint: "unix:///var/run/docker.sock",
    containers: [],
    images: [],
    ...over,
  };
}

// The engine after the whole handout: both containers, pythonapp built, hello-world and python untagged.
export function fullWalk(): EngineSnapshot {
  return snapshot({
    containers: [container({ name: "eager_hopper" }), mycontainer(), container({ name: "musing_lovelace", image: "pythonapp", imageId: "sha256:app", interactive: true, tty: true, command: ["python", "app.py"], logs: "This is the squaring function\r\n" })],
    images: [image(["pythonapp:latest"], { id: "sha256:app" }), image([], { id: "sha256:hello" })],
  });
}

export function volume(name: string, over: Partial<VolumeFact> = {}): VolumeFact {
  return { name, driver: "local", labels: {}, created: "2026-01-01T09:30:00Z", ...over };
}

export function network(name: string, over: Partial<NetworkFact> = {}): NetworkFact {
  return { id: `n-${name}`, name, driver: "bridge", internal: false, labels: {}, created: "2026-01-01T09:30:00Z", ...over };
}
