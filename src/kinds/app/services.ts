import type { ServiceOutcome, ServicesResult } from "../../runners/types.ts";
import { type CheckResult, passed } from "../../lab/check-result.ts";
import type { FindingOf } from "../findings.ts";
import { failedWith, type KindHints } from "../hints.ts";
import { joinAnd, textHolds, textWanted, type TextSpec } from "../text-spec.ts";
import type { AppLore } from "./app-lore.ts";

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
  /** Seconds to wait for it to answer (default DEFAULT_WITHIN, 20). */
  within?: number;
}

/** Seconds an `http` step waits for an answer unless it says `within`. */
export const DEFAULT_WITHIN = 20;

type Services = ServicesResult | { skipped: string } | null | undefined;

const NOT_HERE = "Grade where a Docker engine answers: labgrade starts services only on one.";
const tail = (text: string) => text.trimEnd().split(/\r?\n/).slice(-6).join("\n");

/** What the http and compose_up steps say of the lab's app: its compose file and step, or the tag it is built as. */
export type ServiceLore = Pick<AppLore, "tag" | "composeFile" | "composeStep" | "buildStep">;

// Every service started, and once settled running (or exited 0, a one-off task).
export function checkComposeUp(services: Services, file: string | null, hints: KindHints<"compose_up">): CheckResult {
  if (services && "skipped" in services) return skipped(services.skipped);
  if (!services) return failedWith(hints, "missing", `Expected ${file ? `\`${file}\`` : "the compose file"} to start; there is nothing to start.`, "Hand in your compose file (`compose.yaml`) with the folders its services build from.");
  if (services.services.length === 0) return failedWith(hints, "empty", "Expected services to start; the compose file defines none.", "Define your services under `services:`.");
  for (const s of services.services) {
    const problem = problemOf(s, COMPOSE_COMMANDS);
    if (problem) return failedWith(hints, problem.key, `Expected every service to start and stay up in labgrade's sandbox; \`${s.name}\` ${problem.words}${s.notes.length ? ` (${s.notes.join("; ")})` : ""}`, problem.hint, { service: s.name });
  }
  const states = services.services.map((s) => `${s.name} ${s.state!.status === "running" ? "running" : "done (exit 0)"}`);
  const notes = services.services.flatMap((s) => s.notes);
  return passed(`Started ${joinAnd(services.services.map((s) => s.name))} in labgrade's sandbox: after ${Math.round(services.settleMs / 1000)} s, ${joinAnd(states)}.${notes.length ? ` Note: ${notes.join("; ")}.` : ""}`);
}

/** The commands a student runs to see for themselves why a service did not start or stopped. */
interface SeeForYourself {
  build: (service: string) => string;
  logs: (service: string) => string;
}
const COMPOSE_COMMANDS: SeeForYourself = {
  build: (service) => `\`docker compose build ${service}\``,
  logs: (service) => `\`docker compose up -d\`, then \`docker compose logs ${service}\``,
};
const appCommands = (tag: string): SeeForYourself => ({ build: () => `\`docker build -t ${tag} .\``, logs: () => `\`docker run --rm ${tag}\`` });

function problemOf(s: ServiceOutcome, see: SeeForYourself): { key: FindingOf<"compose_up">; words: string; hint: string } | null {
  if (s.build && !s.build.ok) return { key: "build", words: `did not build: ${(s.build.error ?? "").slice(0, 400)}.`, hint: `Build it yourself to read the whole error: ${see.build(s.name)}.` };
  if (s.refused) return { key: "refused", words: `was not started: ${s.refused.why}.`, hint: s.refused.fix };
  if (!s.state) return { key: "not-started", words: "was not started.", hint: `Start it yourself and read why: ${see.logs(s.name)}.` };
  if (s.state.oomKilled) return { key: "memory", words: "was stopped for using more memory than the limit.", hint: "The lab's services need little memory: look for a loop that keeps growing." };
  if (s.state.status === "running") return null;
  if (s.state.status === "exited" && s.state.exitCode === 0) return null;
  const output = tail(s.output);
  return { key: "exited", words: `${s.state.status === "exited" ? `exited with code ${s.state.exitCode}` : `is ${s.state.status}`}${output ? `; its output ends with:\n${output}` : ", printing nothing"}.`, hint: `Run it yourself and read its output: ${see.logs(s.name)}.` };
}

// The service answered the probe, with the status and body the spec asks for. A service that never answered is
// told apart: not built or not started (fix that first), stopped before answering (its output), or running and
// silent (listening on the wrong address or port).
export function checkHttp(services: Services, spec: HttpSpec, service: string, lore: ServiceLore, hints: KindHints<"http">): CheckResult {
  if (services && "skipped" in services) return skipped(services.skipped);
  const port = spec.port ?? 80;
  const url = `http://${service}:${port}${spec.path ?? "/"}`;
  const vars = { service, url };
  const first = lore.composeStep ?? lore.buildStep;
  if (!services) return failedWith(hints, "not-started", `Expected ${url} to answer; nothing was started.`, lore.composeStep ? `Fix the \`${lore.composeStep}\` step first.` : "Hand in the app with its Dockerfile.", vars);
  const started = services.services.find((s) => s.name === service);
  if (!started) return failedWith(hints, "not-started", `Expected ${url} to answer; \`${service}\` is not a service of the hand-in.`, lore.composeStep ? `Name the service \`${service}\` in your compose file.` : "Hand in the app with its Dockerfile.", vars);
  const see = lore.composeFile ? COMPOSE_COMMANDS : appCommands(lore.tag);
  const problem = problemOf(started, see);
  if (!started.state) return failedWith(hints, "not-started", `Expected ${url} to answer; \`${service}\` ${problem!.words}`, first ? `Fix the \`${first}\` step first; ${lowerFirst(problem!.hint)}` : problem!.hint, vars);
  const probe = services.probes.find((p) => p.service === service && p.port === port && p.path === (spec.path ?? "/"));
  if (!probe) return failedWith(hints, "not-asked", `Expected ${url} to answer; labgrade did not ask it.`, "Run the grade again.", vars);
  const within = `within ${spec.within ?? DEFAULT_WITHIN} s`;
  if (probe.status === null && started.state.status !== "running") {
    const output = tail(started.output);
    const words = problem?.words ?? `exited with code 0${output ? `; its output ends with:\n${output}` : ", printing nothing"}.`;
    return failedWith(hints, "exited", `Expected ${url} to answer ${within}; \`${service}\` stopped before it answered: it ${words}`, problem && problem.key !== "exited" ? problem.hint : `A server keeps running: read its output for why it stopped (${see.logs(service)}).`, vars);
  }
  if (probe.status === null) return failedWith(hints, "no-answer", `Expected ${url} to answer ${within}; found no answer: ${probe.error ?? "nothing"}.`, `Make the app listen on port ${port} of every address (0.0.0.0, not 127.0.0.1 or localhost), and keep it running in the foreground.`, vars);
  const status = spec.status ?? 200;
  if (probe.status !== status) return failedWith(hints, "status", `Expected ${url} to answer ${status}; it answered ${probe.status}${probe.body.trim() ? ` with \`${probe.body.trim().slice(0, 120)}\`` : ""}.`, `Serve ${spec.path ?? "/"} with status ${status}.`, vars);
  if (spec.body && !textHolds(probe.body, spec.body)) return failedWith(hints, "body", `Expected the answer of ${url} to ${textWanted(spec.body, "hold")}; found \`${probe.body.trim().slice(0, 200) || "an empty body"}\`.`, "Make the page say what the handout asks.", vars);
  return passed(`${url} answered ${probe.status}${spec.body?.contains ? ` with "${spec.body.contains}"` : ""}.`);
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

function skipped(why: string): CheckResult {
  return { status: "skipped", message: `Not judged here: this step starts the hand-in's services, and ${why}.`, hint: NOT_HERE };
}
