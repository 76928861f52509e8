// The app's time limit must hold even when labgrade is gone (killed, SIGKILL, a closed laptop): the
// container runs its command under coreutils' (or busybox's) `timeout`, which kills it a little after
// labgrade's own limit. labgrade's timer still stops it first while labgrade lives; this is the backstop.
export const BACKSTOP_GRACE_MS = 15_000;

export interface Command {
  entrypoint: string[];
  cmd: string[];
}

// The image's command, wrapped: `timeout -s KILL <seconds> <entrypoint…> <cmd…>`.
export function withDeadline(image: Command, timeoutMs: number): Command {
  const seconds = String(Math.ceil((timeoutMs + BACKSTOP_GRACE_MS) / 1000));
  return { entrypoint: ["timeout", "-s", "KILL", seconds, ...image.entrypoint], cmd: image.cmd };
}

// `timeout` itself missing from the image (a base without coreutils or busybox): run unwrapped.
export function wrapperMissing(stderr: string): boolean {
  return /exec: "timeout": executable file not found/.test(stderr);
}

// What `docker run` would have said had the command not been wrapped: the student sees the engine's
// words about their own CMD, not the wrapper's.
export function unwrapStderr(stderr: string, exitCode: number | null): string {
  const failed = /^timeout: failed to run command [‘'"](.+?)[’'"]: (.+)$/m.exec(stderr);
  if (!failed || (exitCode !== 126 && exitCode !== 127)) return stderr;
  const [, command, why] = failed;
  const reason = exitCode === 127 ? "executable file not found in $PATH" : why!.toLowerCase();
  return stderr.replace(failed[0], `exec: "${command}": ${reason}`);
}
