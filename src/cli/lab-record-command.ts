import path from "node:path";
import { type Command, Option } from "commander";
import pc from "picocolors";
import type { LabgradeConfig } from "../config.ts";
import { openEngine } from "../docker/open-engine.ts";
import { loadLab, shippedLabIds } from "../labfile/index.ts";
import { type RecordRequest, recordLabs } from "../recorder/record-labs.ts";

export interface LabRecordFlags {
  lab?: string[];
  only?: string[];
  out: string;
  updateFixtures?: boolean;
  throwaway?: boolean;
  images?: string;
  copyImages?: boolean;
  engineBin?: string;
  containerdStore?: boolean;
  suffix?: string;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

// `labgrade lab record [LAB…]`: the options, as `lab record --help` shows them.
export function withRecordOptions(command: Command): Command {
  return command
    .argument("[labs...]", "labs to record: a shipped lab's id, or a lab file or its folder (default: every lab labgrade ships)")
    .option("--lab <id|path>", "a lab to record, as the arguments name one; repeat for more", collect)
    .option("--only <walk>", "only the walk of this name in walks.yaml; repeat for more (default: every walk)", collect)
    .option("--out <dir>", "where each recording is written, as DIR/<lab id>/<walk>/", "reports/recorded-walks")
    .option("--update-fixtures", "also write each walk's evidence.json and expected.json into the lab's walks/<walk>/, which `labgrade lab check` judges; a walk whose verdicts differ from walks.yaml's (MISMATCH) is left out there, and the command exits 1")
    .option("--throwaway", "walk on an engine of its own, started and removed afterwards (Linux, as root, with dockerd, ip and nsenter; it has no network and never pulls). Without it, walk on this machine's engine, which must hold no containers, volumes or networks: the walks remove the lab images' tags (and put them back)")
    .addOption(new Option("--images <tar>", "with --throwaway: load the lab's images from TAR, a `docker save` of them (without it or --copy-images, labgrade builds its offline stand-ins, which exist for hello-world and python only)").conflicts("copyImages"))
    .option("--copy-images", "with --throwaway: copy the lab's images from this machine's engine, as `docker save | docker load` would (run `labgrade images --lab LAB` first)")
    .option("--engine-bin <dir>", "with --throwaway: run the dockerd, containerd and runc found in DIR (another Docker release)")
    .option("--containerd-store", "with --throwaway: give that engine the containerd image store")
    .option("--suffix <s>", "name the recordings <walk>-S (full-walk-28-containerd)");
}

// Walks each lab's walks.yaml (the handout's commands as a student types them) with the docker CLI, collects the
// evidence each walk leaves, and judges it against the verdicts the walk expects. Exit 0 when every walk gave them,
// 1 when one did not.
export async function labRecordCommand(labs: string[], flags: LabRecordFlags, command: Command, config: LabgradeConfig, signal?: AbortSignal, out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const needsThrowaway = (["images", "copyImages", "engineBin", "containerdStore"] as const).filter((f) => flags[f] !== undefined && flags[f] !== false);
  if (needsThrowaway.length && !flags.throwaway) {
    const names = needsThrowaway.map((f) => `--${f.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`);
    command.error(`error: ${names.join(" and ")} ${names.length === 1 ? "goes" : "go"} with --throwaway (an engine of the recorder's own); add --throwaway`, { exitCode: 2 });
  }
  const refs = [...labs, ...(flags.lab ?? [])];
  const request: RecordRequest = {
    labs: await Promise.all((refs.length ? refs : shippedLabIds()).map((ref) => loadLab(ref))),
    only: flags.only ?? [],
    out: flags.out,
    updateFixtures: flags.updateFixtures ?? false,
    engine: flags.throwaway
      ? { kind: "throwaway", images: flags.images ? { from: "tar", file: flags.images } : flags.copyImages ? { from: "machine" } : { from: "substitutes" }, ...(flags.engineBin ? { binDir: flags.engineBin } : {}), containerdStore: flags.containerdStore ?? false }
      : { kind: "machine" },
    suffix: flags.suffix ?? "",
  };
  const log = (line: string) => out.write(`  ${line}\n`);
  const recorded = await recordLabs(request, { config, machine: () => openEngine(config), log, ...(signal ? { signal } : {}) });
  const shown = (dir: string) => {
    const relative = path.relative(process.cwd(), dir);
    return relative === "" ? "." : relative.startsWith("..") || path.isAbsolute(relative) ? dir : relative;
  };
  for (const r of recorded) {
    if (r.error) {
      out.write(`${r.lab} ${r.walk}: ${pc.red("NOT RECORDED")}: ${r.error}\n  Fix the walk's command in walks.yaml (or mark it \`may_fail: true\`), then record it again: --only ${r.walk}.\n`);
      continue;
    }
    const verdicts = r.wrong.length ? pc.red(`MISMATCH ${r.wrong.map((w) => `${w.step} expected ${w.expected}, got ${w.found}: ${w.message}`).join("; ")}`) : "statuses as expected";
    out.write(`${r.lab} ${r.walk}: recorded in ${r.seconds.toFixed(1)}s; ${verdicts}\n`);
    if (r.held) out.write(`  not written to ${shown(r.held)}/: its verdicts differ from walks.yaml's expect. Fix the lab or the walk, then record again (this recording: ${shown(r.written[0]!)}/).\n`);
  }
  const wrong = recorded.filter((r) => r.wrong.length || r.error).length;
  const intoLabs = recorded.filter((r) => r.written.length > 1).length;
  const where = `recordings in ${shown(path.resolve(request.out))}/${request.updateFixtures ? `; ${intoLabs} written into their lab's walks/` : ""}`;
  out.write(`${wrong ? pc.red("✗") : pc.green("✓")} ${recorded.length - wrong} of ${recorded.length} walks gave the verdicts walks.yaml expects; ${where}.\n`);
  return wrong ? 1 : 0;
}
