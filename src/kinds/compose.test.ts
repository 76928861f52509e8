import { describe, expect, it } from "vitest";
import { readComposeFacts } from "../dockerfile/compose-facts.ts";
import type { ContainerFact } from "../evidence/types.ts";
import { container, snapshot, volume } from "../../testing/lab/snapshot-builder.ts";
import { checkComposeFile } from "./app/compose-file.ts";
import { checkComposeUp, checkHttp } from "./app/services.ts";
import { checkComposeProject } from "./compose-project.ts";
import type { ServicesResult } from "../runners/types.ts";

const labels = (service: string, project = "lab", dependsOn = "") => ({ "com.docker.compose.project": project, "com.docker.compose.service": service, "com.docker.compose.oneoff": "False", "com.docker.compose.depends_on": dependsOn });
const member = (service: string, n: number, over: Partial<ContainerFact> = {}) =>
  container({ name: `lab-${service}-${n}`, image: `lab-${service}`, status: "running", exitCode: null, labels: labels(service, "lab", service === "web" ? "worker:service_started:false" : ""), mounts: [{ type: "volume", name: "lab_data", source: "/v", destination: "/data", readOnly: false }], ...over });
const project = () => snapshot({ containers: [member("web", 1), member("worker", 1), member("worker", 2), member("worker", 3)], volumes: [volume("lab_data", { labels: { "com.docker.compose.project": "lab", "com.docker.compose.volume": "data" } })] });

describe("compose (the project on the engine)", () => {
  it("finds the project from compose's labels: its services, how many run, what depends on what, its volumes", () => {
    const result = checkComposeProject(project(), { services: ["web", "worker"], running: { web: 1, worker: 3 }, depends_on: { web: ["worker"] }, volumes: ["data"], scaled: 3 }, {});
    expect(result).toEqual({ status: "passed", message: "Found the compose project `lab`: web (1 running), worker (3 running); volumes data." });
  });
  it("says how many run of a service and how to scale it", () => {
    const two = snapshot({ containers: [member("web", 1), member("worker", 1), member("worker", 2, { status: "exited", exitCode: 1 })] });
    expect(checkComposeProject(two, { running: { worker: 3 } }, {})).toMatchObject({ status: "failed", message: "Expected 3 running containers of the service `worker` in `lab`; found 1 running of 2 (`lab-worker-1` running, `lab-worker-2` exited).", hint: "Scale it: `docker compose up -d --scale worker=3`." });
  });
  it("says when nothing was started with compose, and when a service is missing", () => {
    expect(checkComposeProject(snapshot({ containers: [container({ labels: {} })] }), { services: ["web"] }, {})).toMatchObject({ status: "failed", message: "Expected containers started by `docker compose up`; found none." });
    expect(checkComposeProject(snapshot({ containers: [container()] }), { services: ["web"] }, {}).hint).toContain("Collect the evidence again");
    expect(checkComposeProject(project(), { services: ["web", "db"] }, {}).message).toBe("Expected the services `db` in the compose project `lab`; found `web`, `worker`.");
  });
  it("reads depends_on from compose's label, and says when compose did not write it", () => {
    expect(checkComposeProject(project(), { depends_on: { worker: ["web"] } }, {}).message).toBe("Expected `worker` to depend on `web`; found it depends on nothing.");
    const old = snapshot({ containers: [member("web", 1, { labels: { "com.docker.compose.project": "lab", "com.docker.compose.service": "web" } })] });
    expect(checkComposeProject(old, { depends_on: { web: ["worker"] } }, {}).message).toContain("carry no com.docker.compose.depends_on label");
  });
  it("asks for a volume the project declares and mounts", () => {
    expect(checkComposeProject(snapshot({ containers: [member("web", 1)], volumes: [] }), { volumes: ["data"] }, {}).message).toBe("Expected the named volume `data` of the compose project `lab`; found none.");
  });
});

const reference = readComposeFacts("services:\n  web:\n    build: ./web\n    ports: [\"8000:8000\"]\n    volumes: [data:/data]\n    depends_on: [worker]\n  worker:\n    image: python\n    command: python worker.py\n    volumes: [data:/data]\nvolumes:\n  data:\n");

describe("compose_file (the hand-in's compose file)", () => {
  it("reads services, depends_on, the named volume and what is built", () => {
    expect(reference.services.map((s) => [s.name, s.build?.context ?? s.image, s.dependsOn, s.mounts.map((m) => `${m.type}:${m.source}`), s.command])).toEqual([
      ["web", "./web", ["worker"], ["volume:data"], null],
      ["worker", "python", [], ["volume:data"], ["python", "worker.py"]],
    ]);
    const result = checkComposeFile({ file: "compose.yaml", facts: reference }, [], { services: ["web", "worker"], depends_on: true, named_volume: true, builds: true }, "compose.yaml", {});
    expect(result).toEqual({ status: "passed", message: "`compose.yaml` defines 2 services: web and worker; web depends on worker; the named volume data is mounted by web and worker; web is built from ./web." });
  });
  it("names a compose file saved under another name, and how to rename it", () => {
    expect(checkComposeFile(null, ["compose.yaml.txt", "web/app.py"], {}, "compose.yaml", {})).toMatchObject({ status: "failed", message: "Expected a compose file named `compose.yaml`; found `compose.yaml.txt`, which docker compose does not look for.", hint: expect.stringContaining("Rename `compose.yaml.txt` to `compose.yaml` (Windows hides the .txt") });
  });
  it("says a volume is mounted and not declared, a dependency that does not exist, and YAML it cannot read", () => {
    const undeclared = readComposeFacts("services:\n  web:\n    image: python\n    volumes: [data:/data]\n  w:\n    image: python\n    volumes: [data:/x]\n");
    expect(checkComposeFile({ file: "compose.yaml", facts: undeclared }, [], { named_volume: true }, "compose.yaml", {}).message).toBe("Expected a named volume declared under `volumes:` and mounted by a service; found `data` mounted but not declared under the top-level `volumes:`.");
    const ghost = readComposeFacts("services:\n  web:\n    image: python\n    depends_on: [db]\n");
    expect(checkComposeFile({ file: "compose.yaml", facts: ghost }, [], {}, "compose.yaml", {})).toMatchObject({ status: "failed", message: "Expected `web` to depend on services the file defines; found it depends on `db`, which `compose.yaml` does not define.", location: { file: "compose.yaml", line: 2 } });
    const broken = readComposeFacts("services:\n  web:\n  image: python\n   bad: [\n");
    expect(checkComposeFile({ file: "compose.yaml", facts: broken }, [], {}, "compose.yaml", {}).status).toBe("failed");
  });
  it("flags what the sandbox never grants", () => {
    expect(readComposeFacts("services:\n  x:\n    image: python\n    privileged: true\n    network_mode: host\n").services[0]!.unsafe).toEqual(["privileged: true", 'network_mode: "host"']);
  });
});

const started = (over: Partial<ServicesResult> = {}): ServicesResult => ({
  settleMs: 5000,
  services: [
    { name: "worker", build: null, refused: null, notes: [], state: { status: "running", exitCode: null, oomKilled: false }, output: "" },
    { name: "web", build: { ok: true, log: "", durationMs: 1 }, refused: null, notes: [], state: { status: "running", exitCode: null, oomKilled: false }, output: "listening" },
  ],
  probes: [{ service: "web", port: 8000, path: "/", status: 200, body: "Hello from the compose lab: 3 ticks so far\n", error: null, durationMs: 40 }],
  ...over,
});

const composeLore = { tag: "web", composeFile: "compose.yaml", composeStep: "compose-up", buildStep: null };
const appLore = { tag: "greeter-web", composeFile: null, composeStep: null, buildStep: "web-builds" };

describe("compose_up and http (the hand-in's services in the sandbox)", () => {
  it("passes services that stay up, and an answer with the status and body asked for", () => {
    expect(checkComposeUp(started(), "compose.yaml", {})).toEqual({ status: "passed", message: "Started worker and web in labgrade's sandbox: after 5 s, worker running and web running." });
    expect(checkHttp(started(), { port: 8000, body: { contains: "Hello from the compose lab" } }, "web", composeLore, {})).toEqual({ status: "passed", message: 'http://web:8000/ answered 200 with "Hello from the compose lab".' });
  });
  it("says which service exited, with the end of its output; a refused one with its own fix", () => {
    const crashed = started();
    crashed.services[0] = { ...crashed.services[0]!, state: { status: "exited", exitCode: 1, oomKilled: false }, output: "Traceback\nNameError: name 'tme' is not defined\n" };
    expect(checkComposeUp(crashed, "compose.yaml", {})).toMatchObject({ status: "failed", message: "Expected every service to start and stay up in labgrade's sandbox; `worker` exited with code 1; its output ends with:\nTraceback\nNameError: name 'tme' is not defined." });
    const refused = started();
    refused.services[0] = { ...refused.services[0]!, state: null, refused: { why: "labgrade's sandbox does not run a service with `privileged: true`", fix: "Remove that setting." } };
    expect(checkComposeUp(refused, "compose.yaml", {}).hint).toBe("Remove that setting.");
  });
  it("says no answer came, and where to listen", () => {
    const silent = started({ probes: [{ service: "web", port: 8000, path: "/", status: null, body: "", error: "[Errno 111] Connection refused", durationMs: 20_400 }] });
    expect(checkHttp(silent, { port: 8000 }, "web", composeLore, {})).toMatchObject({ status: "failed", message: "Expected http://web:8000/ to answer within 20 s; found no answer: [Errno 111] Connection refused.", hint: expect.stringContaining("0.0.0.0") });
    expect(checkHttp(started(), { port: 8000, status: 201 }, "web", composeLore, {}).message).toBe("Expected http://web:8000/ to answer 201; it answered 200 with `Hello from the compose lab: 3 ticks so far`.");
  });
  it("is not judged without an engine", () => {
    expect(checkComposeUp({ skipped: "labgrade ran with --no-engine" }, "compose.yaml", {})).toMatchObject({ status: "skipped", message: "Not judged here: this step starts the hand-in's services, and labgrade ran with --no-engine." });
    expect(checkHttp({ skipped: "no Docker engine answered" }, {}, "app", appLore, {}).status).toBe("skipped");
  });
  it("tells an app that never answered apart: not built (fix the build first), stopped before answering (its output), running and silent", () => {
    const app = (service: Partial<ServicesResult["services"][number]>, error = "[Errno -3] Temporary failure in name resolution") =>
      started({ services: [{ name: "app", build: { ok: true, log: "", durationMs: 1 }, refused: null, notes: [], state: { status: "running", exitCode: null, oomKilled: false }, output: "", ...service }], probes: [{ service: "app", port: 8000, path: "/", status: null, body: "", error, durationMs: 21_700 }] });
    const unbuilt = checkHttp(app({ build: { ok: false, log: "", durationMs: 1, error: "COPY failed: file not found in build context: ap.py" }, state: null }), { port: 8000 }, "app", appLore, {});
    expect(unbuilt).toMatchObject({ status: "failed", message: "Expected http://app:8000/ to answer; `app` did not build: COPY failed: file not found in build context: ap.py.", hint: "Fix the `web-builds` step first; build it yourself to read the whole error: `docker build -t greeter-web .`." });
    const crashed = checkHttp(app({ state: { status: "exited", exitCode: 1, oomKilled: false }, output: "Traceback (most recent call last):\nKeyError: 'GREETING'\n" }), { port: 8000, within: 20 }, "app", appLore, { hints: { exited: "Give GREETING a default." } });
    expect(crashed).toMatchObject({ status: "failed", message: "Expected http://app:8000/ to answer within 20 s; `app` stopped before it answered: it exited with code 1; its output ends with:\nTraceback (most recent call last):\nKeyError: 'GREETING'.", hint: "Give GREETING a default." });
    expect(checkHttp(app({ state: { status: "exited", exitCode: 1, oomKilled: false } }), { port: 8000 }, "app", appLore, {}).hint).toBe("A server keeps running: read its output for why it stopped (`docker run --rm greeter-web`).");
    expect(checkHttp(app({}, "[Errno 111] Connection refused"), { port: 8000, within: 20 }, "app", appLore, {}).message).toBe("Expected http://app:8000/ to answer within 20 s; found no answer: [Errno 111] Connection refused.");
  });
});
