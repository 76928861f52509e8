import path from "node:path";
import { parseArgs } from "node:util";
import { nearMisses } from "../../src/lab/names.ts";

/** What `npm run record` was asked to do (scripts/record-walks.ts). */
export interface RecordOptions {
  /** Labs by id or path; empty: every shipped lab. */
  labs: string[];
  /** Walks by name; empty: every walk. */
  only: string[];
  out: string;
  updateFixtures: boolean;
  throwaway: boolean;
  images?: string;
  /** With throwaway: copy the labs' images from the machine's engine into it. */
  copyImages: boolean;
  engineBin?: string;
  containerdStore: boolean;
  suffix: string;
}

export const RECORD_USAGE = `Usage: npm run record -- [options]
       npx tsx scripts/record-walks.ts [options]

Walks each lab's walks.yaml (the handout's commands, as a student types them) with the docker CLI on an engine
that holds nothing else, collects the evidence each walk leaves, and judges it against the verdicts the walk
expects. Everything a walk made is removed afterwards, and the lab images' tags are put back.

Options:
  --lab ID|PATH       a lab: a shipped lab's id, or a lab.yaml (or its folder); repeat for more
                      (default: every lab labgrade ships)
  --only NAME         only the walk of this name; repeat for more (default: every walk)
  --out DIR           where each recording is written, as DIR/<lab id>/<walk>/ (default: reports/recorded-walks)
  --update-fixtures   also write each walk's evidence.json and expected.json into the lab's walks/<walk>/, which
                      \`labgrade lab check\` judges. A walk whose verdicts differ from walks.yaml (MISMATCH) is not
                      written there: its recording is only under --out, and the recorder exits 1.
  --throwaway         walk on an engine of its own, started and removed afterwards (Linux, as root, with dockerd,
                      ip, nsenter and gcc); without it, on this machine's engine, which must hold no containers,
                      volumes or networks. The throwaway engine has no network: it never pulls.
  --images TAR        with --throwaway: load the lab's images into that engine from TAR, a \`docker save\` of them.
                      Without it labgrade builds its offline stand-ins, for hello-world and python only: a lab on
                      any other image needs --images. Make TAR where the images are:
                        npx labgrade images --lab labs/my-lab
                        docker save -o lab-images.tar hello-world python   # the lab's \`images\`
  --copy-images       with --throwaway: copy the lab's images into that engine from this machine's engine, as
                      \`docker save | docker load\` would (CI, where the machine's engine has them but may hold
                      other work, so cannot be walked on)
  --engine-bin DIR    with --throwaway: run the dockerd, containerd and runc found in DIR (another release)
  --containerd-store  with --throwaway: give that engine the containerd image store
  --suffix S          name the recordings <walk>-S (full-walk-28-containerd)
  -h, --help          show this help

Exit status: 0 when every walk gave the verdicts it expects, 1 when one did not (MISMATCH), 2 for a mistake on the
command line.
`;

const OPTIONS = {
  lab: { type: "string", multiple: true },
  only: { type: "string", multiple: true },
  out: { type: "string", default: "reports/recorded-walks" },
  "update-fixtures": { type: "boolean", default: false },
  throwaway: { type: "boolean", default: false },
  images: { type: "string" },
  "copy-images": { type: "boolean", default: false },
  "engine-bin": { type: "string" },
  "containerd-store": { type: "boolean", default: false },
  suffix: { type: "string", default: "" },
  help: { type: "boolean", short: "h", default: false },
} as const;

// The recorder's command line: its options, a request for help, or what is wrong with it in one line.
export function parseRecordArgs(args: readonly string[]): { options: RecordOptions } | { help: true } | { error: string } {
  let values;
  try {
    ({ values } = parseArgs({ args: [...args], options: OPTIONS, strict: true, allowPositionals: false }));
  } catch (error) {
    return { error: argsError(error as Error & { code?: string }) };
  }
  if (values.help) return { help: true };
  const needsThrowaway = (["images", "copy-images", "engine-bin", "containerd-store"] as const).filter((o) => values[o] !== undefined && values[o] !== false);
  if (needsThrowaway.length && !values.throwaway) return { error: `record: ${needsThrowaway.map((o) => `--${o}`).join(" and ")} ${needsThrowaway.length === 1 ? "goes" : "go"} with --throwaway (an engine of the recorder's own); add --throwaway` };
  if (values.images !== undefined && values["copy-images"]) return { error: "record: --images and --copy-images both say where the lab's images come from; give one" };
  return {
    options: {
      labs: values.lab ?? [],
      only: values.only ?? [],
      out: values.out,
      updateFixtures: values["update-fixtures"],
      throwaway: values.throwaway,
      ...(values.images !== undefined ? { images: values.images } : {}),
      copyImages: values["copy-images"],
      ...(values["engine-bin"] !== undefined ? { engineBin: values["engine-bin"] } : {}),
      containerdStore: values["containerd-store"],
      suffix: values.suffix,
    },
  };
}

// node's parseArgs errors, in one line that says what to do.
function argsError(error: Error & { code?: string }): string {
  const named = /'(-[^' ]+)/.exec(error.message)?.[1];
  if (error.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
    const known = Object.keys(OPTIONS).map((o) => `--${o}`);
    const [near] = nearMisses(named ?? "", known);
    return `record: unknown option ${named ?? error.message}${near ? `; did you mean ${near}?` : ` (it takes ${known.join(", ")})`}`;
  }
  if (error.code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") return `record: ${named ?? "an option"} needs a value (${named === "--lab" ? "--lab ID|PATH" : `${named ?? "--option"} VALUE`})`;
  if (error.code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") {
    const word = /'([^']+)'/.exec(error.message)?.[1] ?? "";
    return `record: unexpected argument ${JSON.stringify(word)}; name a lab with --lab ${word}`;
  }
  return `record: ${error.message}`;
}

/** Where a walk's recording goes: always under --out; into the lab's walks/ only with --update-fixtures and only
 * when its verdicts are the ones walks.yaml expects (`held`: the folder left as it was). */
export function recordingFolders(o: { out: string; lab: { id: string; folder: string }; name: string; updateFixtures: boolean; asExpected: boolean }): { folders: string[]; held: string | null } {
  const fixture = path.join(o.lab.folder, "walks", o.name);
  const folders = [path.resolve(o.out, o.lab.id, o.name), ...(o.updateFixtures && o.asExpected ? [fixture] : [])];
  return { folders, held: o.updateFixtures && !o.asExpected ? fixture : null };
}
