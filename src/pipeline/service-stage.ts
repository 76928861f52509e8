import type { AppEvidence } from "../lab/app-evidence.ts";
import { APP_SERVICE, type Lab } from "../lab/lab.ts";
import { imageState } from "../images/image-state.ts";
import { labImage, splitTag } from "../images/lab-images.ts";
import { isImageRef } from "../lab/names.ts";
import { DockerServicesRunner, serviceTag } from "../runners/services/services-runner.ts";
import { planServices, type PlannedService } from "../runners/services/service-plan.ts";
import type { ServicesResult } from "../runners/types.ts";
import type { FoundCompose } from "./compose-file.ts";
import type { Grader } from "./grader.ts";

// The lab's services started in the sandbox, as its compose_up and http steps need them: the hand-in's compose
// project, or its one app as a service. Not started without an engine: those steps are then not judged here.
export async function startServices(grader: Grader, lab: Lab, evidence: AppEvidence, compose: FoundCompose | null, gradeId: string, labels: Record<string, string>, signal?: AbortSignal): Promise<ServicesResult | { skipped: string } | null> {
  const wanted = lab.app?.services;
  if (!wanted) return null;
  if (!grader.engine || !grader.builder) return { skipped: grader.noEngine === "--no-engine" ? "labgrade ran with --no-engine" : "no Docker engine answered" };
  // A compose lab without its compose file has nothing to start; any other lab serves its one app.
  const project = compose ? { dir: compose.dir, services: planServices(compose.facts.services, compose.facts.volumes) } : lab.app?.compose ? null : appAsService(evidence);
  if (!project) return null;
  const { docker } = grader.engine;
  const probeImage = (await grader.basePython()).tag;
  const run = () =>
    new DockerServicesRunner(docker, grader.builder!).start({
      dir: project.dir,
      services: project.services,
      gradeId,
      labels,
      sandbox: grader.options.sandbox,
      buildTimeoutMs: grader.options.buildTimeoutMs,
      probes: wanted.probes,
      settleMs: wanted.settleMs,
      // The lab's own images, as labgrade keeps them; anything else is never pulled.
      labImage: async (image) => {
        if (!lab.images.some((own) => isImageRef(image, splitTag(own).repo))) return null;
        if (isImageRef(image, "python") && lab.app?.base === "python") return (await grader.basePython()).tag;
        const kept = labImage(image);
        return (await imageState(docker, kept.privateTag)).present ? kept.privateTag : null;
      },
      probeImage,
      ...(signal ? { signal } : {}),
    });
  try {
    return await (grader.appSlots ? grader.appSlots(run) : run());
  } finally {
    for (const s of project.services) if (s.build) await grader.releaseApp(serviceTag(gradeId, s.name)).catch(() => undefined);
  }
}

// A lab without a compose file serves its one app: built from the hand-in's Dockerfile, run as the service `app`.
function appAsService(evidence: AppEvidence): { dir: string; services: PlannedService[] } | null {
  const { app } = evidence;
  if (!app.dir || !app.dockerfile) return null;
  return { dir: app.dir, services: [{ name: APP_SERVICE, build: { context: ".", dockerfile: app.dockerfile.file }, image: null, command: null, entrypoint: null, environment: {}, dependsOn: [], volumes: [], notes: [], refused: null }] };
}
