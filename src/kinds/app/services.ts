import type { ServiceOutcome, ServicesResult } from "../../runners/types.ts";
import { type CheckResult, passed } from "../../lab/check-result.ts";
import type { FindingOf } from "../findings.ts";
import { failedWith, type KindHints } from "../hints.ts";
import { joinAnd, textHolds, textWanted, type TextSpec } from "../text-spec.ts";

/** The `compose_up` expectation: every service of the hand-in's compose file starts in the sandbox and stays up (or exits 0). */
export interface ComposeUpSpec {
  /** Seconds the services are given to start before they are judged (default 5). */
  settle?: number;
}

/** The `http` expectation: a service the hand-in starts answers over HTTP, inside the sandbox. */
export interface HttpSpec {
  /** In a compose lab, the service to ask (default: the one that publishes a port); the one app otherwise. */
  service?: string;
  port?: number;
  path?: string;
  status?: number;
  body?: TextSpec;
  /** Seconds to wait for it to answer (default 20). */
  within?: number;
}

type Services = ServicesResult | { skipped: string } | null | undefined;

const NOT_HERE = "Grade where a Docker engine answers: labgrade starts services only on one.";
const tail = (text: string) => text.trimEnd().split(/\r?\n/).slice(-6).join("\n");

// Every service started, and once settled running (or exited 0, a one-off task).
export function checkComposeUp(services: Services, file: string | null, hints: KindHints<"compose_up">): CheckResult {
  if (services && "skipped" in services) return skipped(services.skipped);
  if (!services) return failedWith(hints, "missing", `Expected ${file ? `\`${file}\`` : "the compose file"} to start; there is nothing to start.`, "Hand in your compose file (`compose.yaml`) with the folders its services build from.");
  if (services.services.length === 0) return failedWith(hints, "empty", "Expected services to start; the compose file defines none.", "Define your services under `services:`.");
  for (const s of services.services) {
    const problem = problemOf(s);
    if (problem) return failedWith(hints, problem.key, `Expected every service to start and stay up in labgrade's sandbox; \`${s.name}\` ${problem.words}${s.notes.length ? ` (${s.notes.join("; ")})` : ""}`, problem.hint, { service: s.name });
  }
  const states = services.services.map((s) => `${s.name} ${s.state!.status === "running" ? "running" : "done (exit 0)"}`);
  const notes = services.services.flatMap((s) => s.notes);
  return passed(`Started ${joinAnd(services.services.map((s) => s.name))} in labgrade's sandbox: after ${Math.round(services.settleMs / 1000)} s, ${joinAnd(states)}.${notes.length ? ` Note: ${notes.join("; ")}.` : ""}`);
}

function problemOf(s: ServiceOutcome): { key: FindingOf<"compose_up">; words: string; hint: string } | null {
  if (s.build && !s.build.ok) return { key: "build", words: `did not build: ${(s.build.error ?? "").slice(0, 400)}.`, hint: `Build it yourself to read the whole error: \`docker compose build ${s.name}\`.` };
  if (s.refused) return { key: "refused", words: `was not started: ${s.refused.why}.`, hint: s.refused.fix };
  if (!s.state) return { key: "not-started", words: "was not started.", hint: `Start it yourself and read why: \`docker compose up ${s.name}\`.` };
  if (s.state.oomKilled) return { key: "memory", words: "was stopped for using more memory than the limit.", hint: "The lab's services need little memory: look for a loop that keeps growing." };
  if (s.state.status === "running") return null;
  if (s.state.status === "exited" && s.state.exitCode === 0) return null;
  const output = tail(s.output);
  return { key: "exited", words: `${s.state.status === "exited" ? `exited with code ${s.state.exitCode}` : `is ${s.state.status}`}${output ? `; its output ends with:\n${output}` : ", printing nothing"}.`, hint: `Run it yourself and read its logs: \`docker compose up -d\`, then \`docker compose logs ${s.name}\`.` };
}

// The service answered the probe, with the status and body the spec asks for.
export function checkHttp(services: Services, spec: HttpSpec, service: string, composeStep: string | null, hints: KindHints<"http">): CheckResult {
  if (services && "skipped" in services) return skipped(services.skipped);
  const port = spec.port ?? 80;
  const url = `http://${service}:${port}${spec.path ?? "/"}`;
  const vars = { service, url };
  if (!services) return failedWith(hints, "not-started", `Expected ${url} to answer; nothing was started.`, composeStep ? `Fix the \`${composeStep}\` step first.` : "Hand in the app with its Dockerfile.", vars);
  const started = services.services.find((s) => s.name === service);
  if (!started?.state) return failedWith(hints, "not-started", `Expected ${url} to answer; \`${service}\` ${started ? "was not started" : "is not a service of the hand-in"}.`, composeStep ? `Fix the \`${composeStep}\` step first.` : `Name the service \`${service}\`.`, vars);
  const probe = services.probes.find((p) => p.service === service && p.port === port && p.path === (spec.path ?? "/"));
  if (!probe) return failedWith(hints, "not-asked", `Expected ${url} to answer; labgrade did not ask it.`, "Run the grade again.", vars);
  if (probe.status === null) {
    const stopped = started.state.status !== "running" ? ` (\`${service}\` had ${started.state.status === "exited" ? `exited with code ${started.state.exitCode}` : started.state.status})` : "";
    return failedWith(hints, "no-answer", `Expected ${url} to answer within ${Math.round(probe.durationMs / 1000)} s; found no answer: ${probe.error ?? "nothing"}${stopped}.`, `Make the app listen on port ${port} of every address (0.0.0.0, not 127.0.0.1 or localhost), and keep it running in the foreground.`, vars);
  }
  const status = spec.status ?? 200;
  if (probe.status !== status) return failedWith(hints, "status", `Expected ${url} to answer ${status}; it answered ${probe.status}${probe.body.trim() ? ` with \`${probe.body.trim().slice(0, 120)}\`` : ""}.`, `Serve ${spec.path ?? "/"} with status ${status}.`, vars);
  if (spec.body && !textHolds(probe.body, spec.body)) return failedWith(hints, "body", `Expected the answer of ${url} to ${textWanted(spec.body, "hold")}; found \`${probe.body.trim().slice(0, 200) || "an empty body"}\`.`, "Make the page say what the handout asks.", vars);
  return passed(`${url} answered ${probe.status}${spec.body?.contains ? ` with "${spec.body.contains}"` : ""}.`);
}

function skipped(why: string): CheckResult {
  return { status: "skipped", message: `Not judged here: this step starts the hand-in's services, and ${why}.`, hint: NOT_HERE };
}
