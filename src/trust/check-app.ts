import { isImageRef } from "../lab/names.ts";
import type { DockerfileFacts } from "../dockerfile/dockerfile-facts.ts";
import type { EvidenceFileV2 } from "../evidence/evidence-file-v2.ts";
import { record, repoTags, strings, text } from "./raw-fields.ts";
import { reason } from "./reason.ts";
import type { TrustLab } from "./trust-context.ts";
import type { TrustReason } from "./trust.ts";

// The lab's app image on the student's engine (pythonapp), as its config and history record it, against the Dockerfile
// handed in: CMD, WORKDIR, the `RUN pip install` line and each COPY's destination. The classic builder and
// BuildKit write history differently ("/bin/sh -c #(nop) COPY dir:… in /app", "COPY . /app # buildkit"), so
// each is looked for in words both write.
export function checkApp(file: EvidenceFileV2, dockerfile: DockerfileFacts | null | undefined, lab: TrustLab): TrustReason[] {
  if (!dockerfile || !file.raw || !lab.app) return [];
  const tag = lab.app.tag;
  const image = file.raw.images.find((i) => repoTags(i).some((t) => isImageRef(t, tag)));
  if (!image) return [];
  const history = file.raw.history[String(image.Id)];
  const createdBy = (history ?? []).map((h) => collapse(text(h, "CreatedBy") ?? ""));
  const found: string[] = [];
  const cmd = dockerfile.cmd;
  if (cmd && !dockerfile.entrypoint) {
    const expected = cmd.form === "exec" ? cmd.args : ["/bin/sh", "-c", cmd.args.join(" ")];
    const actual = strings(record(image, "Config"), "Cmd");
    if (collapse(actual.join(" ")) !== collapse(expected.join(" "))) found.push(`its CMD is ${JSON.stringify(actual)} where the Dockerfile's line ${cmd.line} gives ${JSON.stringify(expected)}`);
  }
  if (dockerfile.workdir?.startsWith("/")) {
    const actual = text(record(image, "Config"), "WorkingDir") ?? "";
    if (trimSlash(actual) !== trimSlash(dockerfile.workdir)) found.push(`its working directory is ${JSON.stringify(actual)} where the Dockerfile's WORKDIR is ${dockerfile.workdir}`);
  }
  if (history) {
    for (const run of dockerfile.runs.filter((r) => /\bpip3?\b.*\binstall\b/.test(r.command))) {
      const command = collapse(run.command);
      if (!createdBy.some((c) => c.includes(command))) found.push(`its history has no step running \`${run.command}\` (the Dockerfile's line ${run.line})`);
    }
    for (const copy of dockerfile.copies) {
      const dest = trimSlash(copy.destination);
      if (!createdBy.some((c) => /\b(COPY|ADD)\b/.test(c) && c.split(" ").map(trimSlash).includes(dest))) {
        found.push(`its history has no ${copy.instruction} into ${copy.destination} (the Dockerfile's line ${copy.line})`);
      }
    }
  }
  if (found.length === 0) return [];
  return [reason("app-not-built-from-dockerfile", `The ${tag} image on your engine was not built from this Dockerfile: ${found.join("; ")}.`)];
}

function collapse(s: string): string {
  return s.replace(/\s+/g, " ").trim();
}

function trimSlash(s: string): string {
  return s.length > 1 ? s.replace(/\/+$/, "") : s;
}

