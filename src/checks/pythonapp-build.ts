import type { AppFolder } from "../evidence/app-folder.ts";
import { dockerignoreExcludes } from "../evidence/dockerignore.ts";
import type { BuildResult } from "../runners/build-image.ts";
import { failed, harnessError, passed, type CheckResult } from "./check-result.ts";
import { explainMissingDockerfile } from "./pythonapp-dockerfile.ts";

const MAX_QUOTE = 600;

// The Dockerfile builds. A failed build quotes the daemon's own error, with a hint for the causes students meet.
export function checkPythonappBuild(app: AppFolder, build: BuildResult | null): CheckResult {
  if (!build) {
    if (!app.dockerfile) {
      const miss = explainMissingDockerfile(app);
      return failed(`Expected the Dockerfile to build; there is nothing to build. ${miss.message}`, miss.hint);
    }
    return harnessError(`\`${app.dockerfile.file}\` was found but labgrade did not build it.`);
  }
  if (build.ok) return passed(`\`${app.dockerfile?.file ?? "Dockerfile"}\` builds (${(build.durationMs / 1000).toFixed(1)} s).`);
  const error = (build.error ?? "").trim() || lastLines(build.log, 3) || "no error text";
  const quoted = error.length > MAX_QUOTE ? `${error.slice(0, MAX_QUOTE)}…` : error;
  return failed(`Expected the Dockerfile to build; the build failed: ${quoted}`, buildHint(error, build.log, app), lastLines(build.log, 20));
}

export function buildHint(error: string, log: string, app: AppFolder): string {
  const unknown = /parse error (?:on )?line (\d+): unknown instruction: (\S+)/i.exec(error);
  if (unknown) return `Line ${unknown[1]} starts with \`${unknown[2]}\`, which is not a Dockerfile instruction: retype the line as the handout has it (no * or other characters pasted from a document).`;
  if (/repository name must be lowercase/i.test(error)) return "Image names are lowercase: write `FROM python`.";
  if (/pull access denied|manifest unknown|manifest for .* not found|failed to resolve source metadata|repository does not exist/i.test(error)) {
    return "The base image on the FROM line could not be found: check its spelling. The lab builds on `FROM python`.";
  }
  const copied = /stat ([^:]+): file does not exist/.exec(error)?.[1] ?? /"\/?([^"]+)": not found/.exec(error)?.[1];
  if (copied || /COPY failed|ADD failed/i.test(error)) {
    const file = copied?.trim().replace(/^\//, "") ?? "the file";
    const excluded = copied && app.dockerignore ? dockerignoreExcludes(app.dockerignore, file) : null;
    if (excluded) return `The \`.dockerignore\` line \`${excluded}\` keeps \`${file}\` out of the build: remove that line.`;
    return `COPY names \`${file}\`, which is not in the folder next to the Dockerfile: fix the name, or put the file there (\`COPY . /app\` copies the whole folder).`;
  }
  const step = /The command '(?:\/bin\/sh -c )?(.+)' returned a non-zero code/.exec(error)?.[1] ?? /process "(?:\/bin\/sh -c )?(.+)" did not complete successfully/.exec(error)?.[1];
  if (step) {
    const pipMissing = /No matching distribution found for (\S+)/.exec(log)?.[1];
    if (pipMissing) return `pip could not find a package named \`${pipMissing}\`: check its spelling. The lab needs \`RUN pip install numpy matplotlib\`.`;
    return `The step \`RUN ${step}\` failed: read the lines above the error in the build output, fix the command, and build again.`;
  }
  return "Build it yourself (`docker build -t pythonapp .`) and fix what the error above names.";
}

function lastLines(text: string, count: number): string {
  return text.trimEnd().split(/\r?\n/).slice(-count).join("\n");
}
