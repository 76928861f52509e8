import type Dockerode from "dockerode";
import type { Sandbox } from "../app-runner.ts";
import { CappedOutput } from "../capped-output.ts";

// A container of labgrade's sandbox on the grade's own internal network: the app's limits (memory and swap,
// processes, CPU), every capability dropped, no new privileges, no port published, no log file (its output is
// attached before it starts, up to the sandbox's cap), and labgrade's labels, so a sweep removes it whatever ends labgrade.
export interface SandboxedSpec {
  name: string;
  image: string;
  entrypoint: string[];
  cmd: string[];
  env: Record<string, string>;
  network: string;
  aliases: string[];
  volumes: Array<{ name: string; target: string; readOnly: boolean }>;
  labels: Record<string, string>;
  sandbox: Sandbox;
}

export interface Started {
  container: Dockerode.Container;
  output: CappedOutput;
  /** Settles when the container's output ends (it exited, or was removed). */
  ended: Promise<void>;
}

export async function startSandboxed(docker: Dockerode, spec: SandboxedSpec): Promise<Started> {
  const { sandbox } = spec;
  const container = await docker.createContainer({
    name: spec.name,
    Image: spec.image,
    Entrypoint: spec.entrypoint,
    Cmd: spec.cmd,
    Env: Object.entries(spec.env).map(([k, v]) => `${k}=${v}`),
    Labels: spec.labels,
    AttachStdout: true,
    AttachStderr: true,
    HostConfig: {
      NetworkMode: spec.network,
      Memory: sandbox.memoryBytes,
      MemorySwap: sandbox.memoryBytes,
      PidsLimit: sandbox.pidsLimit,
      NanoCpus: Math.round(sandbox.cpus * 1e9),
      CapDrop: ["ALL"],
      SecurityOpt: ["no-new-privileges"],
      LogConfig: { Type: "none", Config: {} },
      Mounts: spec.volumes.map((v) => ({ Type: "volume" as const, Source: v.name, Target: v.target, ReadOnly: v.readOnly })),
    },
    NetworkingConfig: { EndpointsConfig: { [spec.network]: { Aliases: spec.aliases } } },
  });
  const output = new CappedOutput(sandbox.outputCapBytes);
  const stream = (await container.attach({ stream: true, stdout: true, stderr: true })) as NodeJS.ReadableStream;
  docker.modem.demuxStream(stream, output.sink("stdout"), output.sink("stderr"));
  const ended = new Promise<void>((resolve) => {
    stream.on("end", resolve);
    stream.on("close", resolve);
    stream.on("error", () => resolve());
  });
  await container.start();
  return { container, output, ended };
}

// Waits for a container to exit, at most `ms`; true when it did.
export async function exited(container: Dockerode.Container, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([container.wait().then(() => true as const), late]);
  } finally {
    clearTimeout(timer);
  }
}
