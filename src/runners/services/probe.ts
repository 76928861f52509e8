// An HTTP request to a service, made from inside the grade's internal network by a container of labgrade's own
// python: the student's services are never published on a port of the machine. It tries until the service answers
// or the time is up, and prints one JSON line.
export const PROBE_SCRIPT = `
import json, sys, time, urllib.request, urllib.error
host, port, path, within = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
end = time.time() + within
last = "no answer"
while True:
    started = time.time()
    try:
        with urllib.request.urlopen("http://%s:%s%s" % (host, port, path), timeout=3) as r:
            print(json.dumps({"status": r.status, "body": r.read(65536).decode("utf-8", "replace")}))
        break
    except urllib.error.HTTPError as e:
        print(json.dumps({"status": e.code, "body": e.read(65536).decode("utf-8", "replace")}))
        break
    except Exception as e:
        last = str(getattr(e, "reason", e))
        if time.time() > end:
            print(json.dumps({"status": None, "error": last}))
            break
        time.sleep(max(0, 0.5 - (time.time() - started)))
`;

// The probe's one JSON line, read as the runner reports it; anything else is why it could not tell.
export function readProbe(stdout: string): { status: number | null; body: string; error: string | null } {
  const line = stdout.trim().split("\n").at(-1) ?? "";
  try {
    const data = JSON.parse(line) as { status?: unknown; body?: unknown; error?: unknown };
    return { status: typeof data.status === "number" ? data.status : null, body: typeof data.body === "string" ? data.body : "", error: typeof data.error === "string" ? data.error : null };
  } catch {
    return { status: null, body: "", error: `the probe said ${JSON.stringify(stdout.slice(0, 200)) || "nothing"}` };
  }
}
