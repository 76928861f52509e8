import type Dockerode from "dockerode";

export interface StreamEvent {
  stream?: string;
  status?: string;
  progress?: string;
  id?: string;
  aux?: { ID?: string };
  error?: string;
  errorDetail?: { message?: string };
}

export interface StreamOutcome {
  events: StreamEvent[];
  /** The daemon's own error text (errorDetail), when the build, pull or import failed. */
  error?: string;
}

// Reads a build, pull or import stream to its end. The daemon reports a failed build inside the
// stream (errorDetail), not as an HTTP error, and that text is what a student needs to read.
export function followStream(docker: Dockerode, stream: NodeJS.ReadableStream, onEvent: (e: StreamEvent) => void = () => {}): Promise<StreamOutcome> {
  return new Promise((resolve, reject) => {
    docker.modem.followProgress(
      stream,
      (err: Error | null, events: StreamEvent[]) => {
        if (err) return reject(err);
        const failed = events.find((e) => e.error || e.errorDetail);
        const error = failed ? (failed.errorDetail?.message ?? failed.error ?? "unknown error") : undefined;
        resolve(error === undefined ? { events } : { events, error });
      },
      onEvent,
    );
  });
}
