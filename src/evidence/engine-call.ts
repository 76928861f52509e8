import { HarnessError } from "../errors.ts";

// Engine failures are labgrade's problem, never the student's. A container removed while we read the
// engine (404) is simply not there: `gone` stands in for it.
export async function engineCall<T>(doing: string, call: () => Promise<T>, gone?: T): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (gone !== undefined && (error as { statusCode?: number }).statusCode === 404) return gone;
    throw new HarnessError("ENGINE_FAILED", `The Docker engine failed while labgrade was ${doing}: ${(error as Error).message}`, "Check that Docker is still running (`labgrade doctor`), then grade again.", { cause: error });
  }
}

// docker-modem hands back JSON.parse(body) when the body parses (a TTY container that printed "42"),
// else the Buffer. https://github.com/apocas/dockerode/issues/456
export function asBuffer(raw: unknown): Buffer {
  if (Buffer.isBuffer(raw)) return raw;
  return Buffer.from(typeof raw === "string" ? raw : JSON.stringify(raw), "utf8");
}
