import type { ComposeFacts } from "../../dockerfile/compose-facts.ts";
import { at, located, passed, type CheckResult } from "../../lab/check-result.ts";
import { failedWith, type KindHints } from "../hints.ts";
import { joinAnd } from "../text-spec.ts";

// What the `compose_file` expectation of a lab file can say: what the hand-in's compose file holds, read without
// starting it.
export interface ComposeFileSpec {
  services?: string[];
  min_services?: number;
  /** A service depends on another (and every service named in a `depends_on` is defined). */
  depends_on?: boolean;
  /** A named volume is declared under the top-level `volumes:` and mounted by a service. */
  named_volume?: boolean;
  /** A service is built from the hand-in (`build:`). */
  builds?: boolean;
}

/** The hand-in's compose file as the pipeline found it: its name in the folder and what it says. */
export interface ComposeFileEvidence {
  file: string;
  facts: ComposeFacts;
}

export function checkComposeFile(compose: ComposeFileEvidence | null, files: readonly string[], spec: ComposeFileSpec, wanted: string, hints: KindHints<"compose_file">): CheckResult {
  if (!compose) {
    const near = files.filter((f) => /compose/i.test(f) && /\.(ya?ml|txt)$/i.test(f));
    const found = near.length ? `found ${near.map((f) => `\`${f}\``).join(", ")}, which docker compose does not look for` : `found none among ${files.slice(0, 10).map((f) => `\`${f}\``).join(", ") || "an empty folder"}`;
    const hint = near[0] ? `Rename \`${near[0]}\` to \`${wanted}\`${near[0].endsWith(".txt") ? " (Windows hides the .txt: turn on File Explorer's View › Show › File name extensions)" : ""}.` : `Create \`${wanted}\` at the top of the folder you hand in, with your services under \`services:\`.`;
    return failedWith(hints, "missing", `Expected a compose file named \`${wanted}\`; ${found}.`, hint);
  }
  const { facts, file } = compose;
  const where = (line?: number) => at(file, line);
  if (facts.problems.length > 0) return located(failedWith(hints, "unreadable", `Expected a compose file docker compose can read; \`${file}\` has ${facts.problems.join(" ")}`, "Fix the YAML (indentation with spaces, a `:` after each key), then check it with `docker compose config`."), where());
  const names = facts.services.map((s) => s.name);
  const missing = (spec.services ?? []).filter((s) => !names.includes(s));
  if (missing.length) return located(failedWith(hints, "services", `Expected the services ${joinAnd(missing.map((s) => `\`${s}\``))} in \`${file}\`; found ${names.length ? joinAnd(names.map((s) => `\`${s}\``)) : "no service"}.`, `Add ${missing.length === 1 ? "it" : "them"} under \`services:\`.`), where());
  if (spec.min_services !== undefined && names.length < spec.min_services) return located(failedWith(hints, "services", `Expected at least ${spec.min_services} services in \`${file}\`; found ${names.length}${names.length ? ` (${joinAnd(names.map((s) => `\`${s}\``))})` : ""}.`, "Add services under `services:`."), where());
  for (const s of facts.services) {
    const unknown = s.dependsOn.filter((d) => !names.includes(d));
    if (unknown.length) return located(failedWith(hints, "depends-on", `Expected \`${s.name}\` to depend on services the file defines; found it depends on ${joinAnd(unknown.map((d) => `\`${d}\``))}, which \`${file}\` does not define.`, `Name a service of the file in \`depends_on\`, or define ${unknown.length === 1 ? "it" : "them"}.`), where(s.line));
  }
  const dependent = facts.services.filter((s) => s.dependsOn.length > 0);
  if (spec.depends_on && dependent.length === 0) return located(failedWith(hints, "depends-on", `Expected a service of \`${file}\` to depend on another (\`depends_on\`); found none that does.`, "Say which service starts first: under the service that needs another, add `depends_on: [<service>]`."), where());
  const mounts = facts.services.flatMap((s) => s.mounts.filter((m) => m.type === "volume" && m.source !== null && facts.volumes.includes(m.source)).map((m) => ({ service: s.name, volume: m.source! })));
  if (spec.named_volume && mounts.length === 0) {
    const undeclared = [...new Set(facts.services.flatMap((s) => s.mounts.filter((m) => m.type === "volume" && m.source !== null && !facts.volumes.includes(m.source)).map((m) => m.source!)))];
    const found = undeclared.length ? `${joinAnd(undeclared.map((v) => `\`${v}\``))} mounted but not declared under the top-level \`volumes:\`` : facts.volumes.length ? `${joinAnd(facts.volumes.map((v) => `\`${v}\``))} declared but mounted by no service` : "no named volume";
    return located(failedWith(hints, "named-volume", `Expected a named volume declared under \`volumes:\` and mounted by a service; found ${found}.`, "Declare it at the top level (`volumes:` then `  data:`) and mount it in a service (`volumes: [\"data:/data\"]`)."), where());
  }
  const built = facts.services.filter((s) => s.build !== null);
  if (spec.builds && built.length === 0) return located(failedWith(hints, "builds", `Expected a service of \`${file}\` built from your files (\`build:\`); found only images (${joinAnd(facts.services.map((s) => `\`${s.image ?? "?"}\``))}).`, "Build a service from its folder: `build: ./web`, next to a Dockerfile there."), where());
  const said = [
    `defines ${names.length === 1 ? "the service" : `${names.length} services:`} ${joinAnd(names)}`,
    ...dependent.map((s) => `${s.name} depends on ${joinAnd(s.dependsOn)}`),
    ...(mounts.length ? [`the named volume ${joinAnd([...new Set(mounts.map((m) => m.volume))])} is mounted by ${joinAnd([...new Set(mounts.map((m) => m.service))])}`] : []),
    ...built.map((s) => `${s.name} is built from ${s.build!.context}`),
  ];
  return passed(`\`${file}\` ${said.join("; ")}.`);
}
