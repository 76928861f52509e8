import { splitTag } from "../images/lab-images.ts";
import type { DoctorFacts, Finding } from "./facts.ts";

// Plain-words findings, each with the fix for what is wrong. Pure: tested on hand-built facts.
export function assess(facts: DoctorFacts): Finding[] {
  return [cliFinding(facts), engineFinding(facts), ...testcontainersFinding(facts), ...runBoundFinding(facts), ...buildBoundFinding(facts), ...imageFindings(facts), registryFinding(facts), ...toolFindings(facts), ...noEngineFinding(facts)];
}

export function isReady(findings: Finding[]): boolean {
  return findings.every((f) => f.status !== "problem");
}

function cliFinding({ cli, platform }: DoctorFacts): Finding {
  if (cli.found) return { id: "docker-cli", status: "ok", summary: `docker CLI ${cli.version}` };
  return { id: "docker-cli", status: "problem", summary: `The docker command was not found (${cli.problem}).`, fix: installAdvice(platform) };
}

function engineFinding({ engine, probes, desktopInstalled, platform }: DoctorFacts): Finding {
  if (engine) {
    return { id: "engine", status: "ok", summary: `Docker engine ${engine.version} (API ${engine.apiVersion}, ${engine.os}/${engine.arch}, ${engine.operatingSystem}) answers at ${engine.endpoint.url} (${engine.endpoint.source})${engine.store ? `; images in ${engine.store}` : ""}` };
  }
  const tried = probes.map((p) => `${p.endpoint.url} (${p.endpoint.source}): ${p.problem}`).join("; ");
  const viaEnv = probes.some((p) => p.endpoint.source === "DOCKER_HOST");
  const denied = probes.find((p) => p.problem?.startsWith("permission denied"));
  let fix: string;
  if (viaEnv) fix = "DOCKER_HOST points at an engine that does not answer: start that engine, or unset DOCKER_HOST to use the local one.";
  else if (denied) fix = "An engine is there but you may not use it: `sudo usermod -aG docker $USER`, then log out and in again.";
  else if (desktopInstalled) fix = "Docker Desktop is installed but not running: start it, wait until it says it is running, then run `labgrade doctor` again.";
  else fix = platform === "linux" ? "Start the engine: `sudo systemctl start docker` (or install Docker Engine: https://docs.docker.com/engine/install/)." : installAdvice(platform);
  return { id: "engine", status: "problem", summary: `No Docker engine answers. Tried ${tried || "nothing"}.`, fix };
}

// The app runs through testcontainers, which chooses an engine of its own: it must be the graded one.
function testcontainersFinding({ engine, testcontainers }: DoctorFacts): Finding[] {
  if (!engine || testcontainers === undefined) return [];
  const id = "testcontainers";
  if (typeof testcontainers === "string") return [{ id, status: "problem", summary: `The app could not be run: ${testcontainers}`, fix: "Check that the engine above answers `docker info`, then run `labgrade doctor` again." }];
  if (testcontainers.same) return [{ id, status: "ok", summary: `Apps run on the graded engine (testcontainers talks to the engine keeping its data in ${testcontainers.graded.rootDir}, id ${testcontainers.graded.id})` }];
  return [{ id, status: "problem", summary: testcontainers.message, fix: testcontainers.hint }];
}

// The app's memory, process and CPU bounds are the engine's to apply (run-bounds.ts): a rootless engine on cgroup
// v1 takes them and applies none. Grading still works (labgrade's time limit, output and disk caps hold, and the network
// and capabilities are cut); each grade's run step says which bounds it went without.
function runBoundFinding({ engine, runUnbounded }: DoctorFacts): Finding[] {
  if (!engine || runUnbounded === undefined) return [];
  if (runUnbounded === null) return [{ id: "run-bound", status: "ok", summary: "The engine applies the app's bounds on its memory, processes and CPU." }];
  return [
    {
      id: "run-bound",
      status: "warn",
      summary: `Apps will run without labgrade's bounds on their ${runUnbounded}. Their time limit, output and disk caps, network cut-off and dropped capabilities still hold; each grade's \`pythonapp-output\` step says so.`,
      fix: "For class grading, use an engine that applies them: a rootful one (`sudo systemctl start docker`, DOCKER_HOST unset), or a rootless one on cgroup v2 with systemd delegating the cpu, memory and pids controllers to its user (https://docs.docker.com/engine/security/rootless/#limiting-resources). `labgrade doctor` says when they hold.",
    },
  ];
}

// The app's RUN steps run under a pids bound only where labgrade can make the build's cgroup (build-cgroup.ts):
// rootless engines, the systemd cgroup driver, an engine in a VM or elsewhere, labgrade not root. Grading
// still works there; each build's report says it ran without the bound.
function buildBoundFinding({ engine, buildPidsUnbounded, runUnbounded }: DoctorFacts): Finding[] {
  if (!engine || buildPidsUnbounded === undefined) return [];
  if (buildPidsUnbounded === null) return [{ id: "build-bound", status: "ok", summary: "Builds run under labgrade's process bound (a cgroup of their own)." }];
  const run = runUnbounded === null ? "; the app's own run is bounded either way" : runUnbounded ? "; on this engine the app's own run is not bounded either (see above)" : "";
  return [{ id: "build-bound", status: "warn", summary: `Builds will run without labgrade's bound on their processes: ${buildPidsUnbounded}. Each grade's build step says so.`, fix: `For class grading, use a rootful engine with the cgroupfs driver on this machine and run labgrade as root${run}.` }];
}

// Grading without an engine (`--no-engine`, or when none answers) needs a python and the wheel cache. Without
// them it still works (the first such grade makes the cache), so this is a note, never what stops "ready".
function noEngineFinding({ noEngine }: DoctorFacts): Finding[] {
  if (!noEngine) return [];
  const id = "no-engine";
  const { cache, python, wheelsDir } = noEngine;
  if ("problem" in python) return [{ id, status: "warn", summary: `Grading without an engine is not ready: no python runs the app here (${python.problem}).`, fix: "Install python 3 with venv (`sudo apt-get install python3-venv`), then `npx labgrade wheels`." }];
  if (!cache) return [{ id, status: "warn", summary: `Grading without an engine is not ready yet: there is no wheel cache at ${wheelsDir}; the first \`labgrade grade --no-engine\` makes it (a minute or more).`, fix: "Make it now: `npx labgrade wheels` (or `npm run setup -- --no-engine`)." }];
  if (cache.python.cacheTag !== python.cacheTag) return [{ id, status: "warn", summary: `Grading without an engine is not ready: the wheel cache at ${wheelsDir} was made for python ${cache.python.version} (${cache.python.cacheTag}); the python here is ${python.version} (${python.cacheTag}).`, fix: "Make it again for this python: `npx labgrade wheels --force`." }];
  const versions = Object.entries(cache.versions).map(([name, version]) => `${name} ${version}`).join(", ");
  return [{ id, status: "ok", summary: `Grading without an engine is ready: python ${python.version} (${python.executable}), wheel cache at ${wheelsDir} (${versions}, from ${cache.source})` }];
}

function imageFindings({ engine, images }: DoctorFacts): Finding[] {
  if (!engine) return [{ id: "images", status: "problem", summary: "The lab images could not be checked: no engine answers.", fix: "Start the engine first." }];
  return images.map(({ image, public: pub, private: priv }): Finding => {
    const id = `image:${image.name}` as const;
    if (pub.present) {
      const kind = pub.substitute ? "labgrade's offline substitute" : "the real image";
      return { id, status: "ok", summary: `${image.publicTag} is present: ${kind}${priv.present ? "; private copy kept" : ""}` };
    }
    if (priv.present) {
      return { id, status: "ok", summary: `${image.publicTag} is not tagged (the lab removes it), but labgrade's private copy ${image.privateTag} is there (${priv.substitute ? "offline substitute" : "real image"})`, fix: `\`labgrade images\` puts the ${image.publicTag} tag back in seconds, if you want it.` };
    }
    return { id, status: "problem", summary: `${image.publicTag} is missing, and labgrade has no private copy of it.`, fix: "Before the lab: run `labgrade images` (it pulls the image, or builds an offline substitute when no registry answers). After the lab: run `labgrade images --private`, which leaves your own tags as the lab left them." };
  });
}

function registryFinding({ registryAnswers }: DoctorFacts): Finding {
  return registryAnswers
    ? { id: "registry", status: "ok", summary: "An image registry answers: lab images can be pulled." }
    : { id: "registry", status: "warn", summary: "No image registry answers: this machine is offline for images.", fix: "Nothing to do for grading a lab on hello-world and python: `labgrade images` builds offline substitutes of them. A lab on other images needs a registry, or the images loaded by hand (`docker load`)." };
}

// The offline substitutes need a tool each: mmdebstrap for python, a C compiler for hello-world.
const OFFLINE_TOOLS: Record<string, { tool: "mmdebstrap" | "cc"; name: string; packages: string }> = {
  "hello-world": { tool: "cc", name: "gcc", packages: "gcc libc6-dev" },
  python: { tool: "mmdebstrap", name: "mmdebstrap", packages: "mmdebstrap" },
};

// A tool is named only when labgrade would need it: no registry answers (or LABGRADE_OFFLINE) and the image is
// neither tagged nor kept as labgrade's private copy, so it must be built here. Without an engine that is not known yet.
function toolFindings({ engine, labImages, images, registryAnswers, forceOffline, tools, platform }: DoctorFacts): Finding[] {
  if (registryAnswers && !forceOffline) return [];
  return labImages.flatMap((image): Finding[] => {
    const state = images.find((i) => i.image.name === image.name);
    const needed = !engine || (state !== undefined && !state.public.present && !state.private.present);
    if (!needed) return [];
    const recipe = OFFLINE_TOOLS[splitTag(image.name).repo];
    if (!recipe) return [{ id: `tool:${image.name}`, status: engine ? "problem" : "warn", summary: `${image.publicTag} is not on the engine, no registry answers, and labgrade has no offline stand-in for it.`, fix: `Connect this machine to a registry and run \`labgrade images\`, or load the image (\`docker load -i image.tar\`).` }];
    const { tool, name, packages } = recipe;
    const id = `tool:${name}` as const;
    const why = `to build ${image.publicTag} offline${forceOffline ? " (LABGRADE_OFFLINE is set)" : " (no registry answers)"}`;
    if (tools[tool]) return [{ id, status: "ok", summary: `${name} is installed, ${why}.` }];
    const status = engine ? "problem" : "warn";
    return [{ id, status, summary: `${name} is missing: labgrade needs it ${why}${engine ? "" : " once the engine answers, unless a registry does"}.`, fix: toolInstall(name, packages, tools, platform) }];
  });
}

// The one command that installs a tool here.
function toolInstall(name: string, packages: string, { apt, root }: DoctorFacts["tools"], platform: NodeJS.Platform): string {
  if (platform !== "linux") return `Offline images are built only on Linux: connect this machine to the internet, then run \`labgrade images\` to pull them.`;
  if (apt && root) return `Run \`npm run setup\`: it installs ${name} (\`apt-get install ${packages}\`) and builds the lab images.`;
  if (apt) return `Run \`sudo apt-get install ${packages}\`, then \`labgrade images\`.`;
  return `Install ${name} with this system's package manager (it is Debian's \`${packages}\`), or connect to the internet so labgrade can pull the image.`;
}

function installAdvice(platform: NodeJS.Platform): string {
  if (platform === "win32") return "Install Docker Desktop (https://docs.docker.com/desktop/install/windows-install/), start it, and open a new terminal.";
  if (platform === "darwin") return "Install Docker Desktop (https://docs.docker.com/desktop/install/mac-install/) and start it.";
  return "Install Docker Engine (https://docs.docker.com/engine/install/), e.g. `sudo apt-get install docker.io` on Debian or Ubuntu.";
}
