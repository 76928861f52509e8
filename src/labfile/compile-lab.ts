import { createHash } from "node:crypto";
import path from "node:path";
import { readDockerfileFacts } from "../dockerfile/dockerfile-facts.ts";
import { type AppLore, compileExpect, type ContainerSpec, containerLore, DEFAULT_WITHIN, type DockerfileSpec, type ExpectKind, pipLineOf } from "../kinds/index.ts";
import { APP_SERVICE, type Lab, LAB_SCHEMA, type LabApp, type LabMarks, type LabStep } from "../lab/lab.ts";
import { nearMisses } from "../lab/names.ts";
import { hintProblems } from "./hint-problems.ts";
import type { FieldPath, FieldProblem } from "./lab-problems.ts";
import type { CheckData, LabFileData, StepData } from "./lab-file-data.ts";
import { loadCheck } from "./load-check.ts";
import { flow } from "./value-words.ts";

/** A problem only the lab as a whole shows (an unknown step in `requires`), at a field of the file. */
export type CompileProblem = FieldProblem;

export interface LabSources {
  /** The lab file's own text, for its digest. */
  text: string;
  file: string;
  /** The files the lab names beside itself (handout files, checks), read by the loader: path → text. */
  files: ReadonlyMap<string, string>;
  /** The files the lab names beside itself (its handout, the handout's files) that are not there. */
  absent: ReadonlySet<string>;
}

// A lab file's data (valid by the schema) as a Lab: each step's expectation compiled into its check, with what the
// lab says as a whole (containers' images and commands, the app) handed to each. Problems are returned, not thrown.
export async function compileLab(data: LabFileData, sources: LabSources): Promise<{ lab: Lab } | { problems: CompileProblem[] }> {
  const problems = wholeLabProblems(data, sources);
  if (problems.length > 0) return { problems };
  const dir = path.dirname(sources.file);
  const containerSpecs = data.steps.flatMap((s) => (s.expect.container ? [s.expect.container as ContainerSpec] : []));
  const named = [...new Set(containerSpecs.flatMap((s) => (s.name !== undefined ? [s.name] : [])))];
  const app = data.app ? labApp(data, sources) : null;
  const lore = app && data.app ? appLore(data, app) : null;
  const steps: LabStep[] = [];
  for (const [index, step] of data.steps.entries()) {
    const [kind, spec] = Object.entries(step.expect)[0]!;
    const hints = { ...(step.hint !== undefined ? { hint: step.hint } : {}), ...(step.hints ? { hints: step.hints } : {}) };
    const base = { id: step.id, title: step.title, points: step.points, requires: step.requires ?? [], expect: kind };
    if (kind === "check") {
      const check = await loadCheck(path.resolve(dir, (spec as CheckData).file), (spec as CheckData).reads, step.id).catch((error: Error) => error);
      if (check instanceof Error) return { problems: [{ path: ["steps", index, "expect", "check", "file"], message: check.message }] };
      steps.push({ ...base, ...check } as LabStep);
      continue;
    }
    try {
      const compiled = compileExpect(kind as ExpectKind, spec ?? {}, { hints, container: (name) => containerLore(name, containerSpecs), namedContainers: named, app: lore });
      steps.push({ ...base, ...compiled } as LabStep);
    } catch (error) {
      return { problems: [{ path: ["steps", index, "expect", kind], message: (error as Error).message }] };
    }
  }
  return {
    lab: {
      schema: LAB_SCHEMA,
      id: data.id,
      title: data.title,
      handout: data.handout ?? null,
      digest: labDigest(sources),
      file: sources.file,
      files: [...sources.files.keys()].sort(),
      images: [...new Set([...(data.images ?? []), ...(data.app ? [data.app.base] : [])])],
      app,
      steps,
      marks: labMarks(data),
    },
  };
}

// What only the whole lab shows: a step id twice, a `requires` of a later or unknown step, a regular expression
// that does not compile, a hint about a finding its kind never reports, an `http` service in a lab without a compose
// file, a file the lab names that is not there.
function wholeLabProblems(data: LabFileData, sources: LabSources): CompileProblem[] {
  const problems: CompileProblem[] = [];
  const seen = new Map<string, number>();
  const beside = `beside the lab file (in ${path.dirname(sources.file)})`;
  data.steps.forEach((step, i) => {
    const first = seen.get(step.id);
    if (first !== undefined) problems.push({ path: ["steps", i, "id"], message: `the step id "${step.id}" is already the id of steps[${first}]; step ids are unique: rename this one` });
    else seen.set(step.id, i);
    for (const [r, id] of (step.requires ?? []).entries()) {
      const at = seen.get(id);
      if (at === undefined || at === i) problems.push({ path: ["steps", i, "requires", r], message: `"${id}" is not a step before this one ${requiresWords(id, step.id, [...seen.keys()].filter((s) => s !== step.id), data.steps.some((s) => s.id === id))}` });
    }
    for (const [where, pattern] of regexes(step)) {
      try {
        new RegExp(pattern);
      } catch (error) {
        problems.push({ path: ["steps", i, "expect", ...where], message: `not a regular expression: ${(error as Error).message}; found ${flow(pattern)}: write a JavaScript regular expression, with \\ before a character meant literally (\\( for "(")` });
      }
    }
    problems.push(...hintProblems(step, i));
    const service = (step.expect.http as { service?: string } | undefined)?.service;
    if (service !== undefined && data.app && data.app.compose === undefined) {
      problems.push({ path: ["steps", i, "expect", "http", "service"], message: `the lab has no compose file (no \`compose:\` under \`app:\`), so its app runs as a service of its own and there is no service "${service}" to ask: drop \`service\`, or add \`compose: compose.yaml\` under \`app:\`` });
    }
  });
  if (data.handout !== undefined && sources.absent.has(data.handout)) {
    problems.push({ path: ["handout"], message: `expected the handout ${data.handout} ${beside}, found no such file: write it there, or name it by its path from the lab file (or a link, https://…)` });
  }
  for (const [i, file] of (data.app?.handout_files ?? []).entries()) {
    if (!sources.files.has(file)) problems.push({ path: ["app", "handout_files", i], message: `expected the handout's file ${file} ${beside}, found no such file: add it, or fix its path (relative to the lab file)` });
  }
  return problems;
}

// Why a step's `requires` cannot name `id`, and what to do: "(a step may require only earlier steps): move …".
function requiresWords(id: string, self: string, earlier: readonly string[], later: boolean): string {
  if (id === self) return "(it is this step): drop it from `requires`";
  if (later) return `(a step may require only earlier steps): move this step after "${id}", or drop it from \`requires\``;
  if (earlier.length === 0) return "(no step comes before this one): drop it from `requires`";
  const [near] = nearMisses(id, earlier);
  return `(expected one of: ${earlier.join(", ")}): ${near !== undefined ? `did you mean \`${near}\`?` : "name one of those, or drop it"}`;
}

// Every `matches` in a step's expectation, with where it is.
function regexes(step: StepData): Array<[FieldPath, string]> {
  const found: Array<[FieldPath, string]> = [];
  const walk = (value: unknown, at: FieldPath) => {
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...at, i]));
    else if (value && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) {
        if (k === "matches" && typeof v === "string") found.push([[...at, k], v]);
        else walk(v, [...at, k]);
      }
    }
  };
  walk(step.expect, []);
  return found;
}

function labApp(data: LabFileData, sources: LabSources): LabApp {
  const app = data.app!;
  const handoutFiles = Object.fromEntries((app.handout_files ?? []).map((file) => [path.posix.basename(file), sources.files.get(file) ?? ""]));
  return { tag: app.tag, base: app.base, script: app.script ?? null, handoutFiles, compose: app.compose ?? null, services: labServices(data), runFiles: runFiles(data) };
}

// The files the run steps read in the app's container: the runner copies them out before removing it.
function runFiles(data: LabFileData): string[] {
  const runs = data.steps.map((s) => s.expect.run as { files?: Array<{ path: string }> } | undefined);
  return unique(runs.flatMap((run) => (run?.files ?? []).map((file) => file.path)));
}

// What the steps need started: the settle time of compose_up (the longest asked), and each http step's request.
function labServices(data: LabFileData): LabApp["services"] {
  const up = data.steps.map((s) => s.expect.compose_up).filter((u) => u !== undefined) as Array<{ settle?: number } | null>;
  const http = data.steps.map((s) => s.expect.http as { service?: string; port?: number; path?: string; within?: number } | undefined).filter((h) => h !== undefined);
  if (up.length === 0 && http.length === 0) return null;
  const settle = Math.max(5, ...up.map((u) => u?.settle ?? 5));
  const probes = http.map((h) => ({ service: h.service ?? APP_SERVICE, port: h.port ?? 80, path: h.path ?? "/", withinMs: (h.within ?? DEFAULT_WITHIN) * 1000 }));
  const unique = probes.filter((p, i) => probes.findIndex((o) => o.service === p.service && o.port === p.port && o.path === p.path) === i);
  return { settleMs: settle * 1000, probes: unique };
}

// What every app step's messages say of the app: from the app section, the first dockerfile expectation and the
// handout's own Dockerfile.
function appLore(data: LabFileData, app: LabApp): AppLore {
  const dockerfile = data.steps.map((s) => s.expect.dockerfile as DockerfileSpec | undefined).find((d) => d !== undefined) ?? {};
  const handout = app.handoutFiles.Dockerfile;
  const facts = handout ? readDockerfileFacts(handout) : null;
  const copy = facts?.copies[0];
  const packages = dockerfile.pip ?? [];
  const command = data.app?.command ?? (Array.isArray(dockerfile.command) ? dockerfile.command : facts?.cmd?.form === "exec" ? facts.cmd.args : null);
  const lines = handout?.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== "" && !l.startsWith("#"));
  const stepOf = (kind: string) => data.steps.find((s) => s.expect[kind] !== undefined)?.id ?? null;
  return {
    tag: app.tag,
    base: app.base,
    baseExample: data.app?.base_example ?? `${app.base}:latest`,
    packages,
    pipLine: pipLineOf(packages.length ? packages : ["<package>"]),
    script: app.script,
    command,
    handoutLines: lines?.length ? lines.join(", ") : null,
    copyLine: copy ? `${copy.instruction} ${[...copy.sources, copy.destination].join(" ")}` : "COPY . /app",
    workdirLine: facts?.workdir ? `WORKDIR ${facts.workdir}` : "WORKDIR /app",
    buildStep: stepOf("build"),
    runStep: stepOf("run"),
    composeFile: app.compose,
    composeStep: stepOf("compose_up"),
  };
}

// The lab's containers, the output its steps read, the images it expects removed: from what its steps name.
function labMarks(data: LabFileData): LabMarks {
  const specs = data.steps.flatMap((s) => Object.entries(s.expect)).map(([kind, spec]) => ({ kind, spec: (spec ?? {}) as Record<string, unknown> }));
  const of = (kind: string) => specs.filter((s) => s.kind === kind).map((s) => s.spec);
  const containers = of("container") as ContainerSpec[];
  const strings = (values: unknown[]) => values.filter((v): v is string => typeof v === "string");
  const compose = of("compose");
  return {
    containerNames: unique([
      ...strings(containers.map((c) => c.name)),
      ...of("network").flatMap((n) => strings((n.containers as unknown[] | undefined) ?? [])),
      ...strings(of("volume").map((v) => (v.used_by as { container?: string } | undefined)?.container)),
    ]),
    containerImages: unique([...strings(containers.map((c) => c.image)), ...(data.app ? [data.app.tag] : [])]),
    services: unique(compose.flatMap((c) => [...strings((c.services as unknown[] | undefined) ?? []), ...Object.keys((c.running as object | undefined) ?? {}), ...Object.keys((c.depends_on as object | undefined) ?? {})])),
    logsOf: {
      names: unique(strings(containers.filter((c) => c.logs).map((c) => c.name))),
      images: unique(strings(containers.filter((c) => c.logs && c.name === undefined).map((c) => c.image))),
    },
    removedImages: unique(strings(of("image").filter((i) => i.present === false).map((i) => i.tag))),
  };
}

const unique = (values: string[]) => [...new Set(values)];

// Over what decides the lab's grades: its file, and the files it names (checks, the handout's files).
function labDigest(sources: LabSources): string {
  const hash = createHash("sha256").update(sources.text);
  for (const [file, text] of [...sources.files].sort(([a], [b]) => (a < b ? -1 : 1))) hash.update(`\0${file}\0${text}`);
  return `sha256:${hash.digest("hex").slice(0, 12)}`;
}

