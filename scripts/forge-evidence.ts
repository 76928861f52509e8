// Makes the forged evidence fixtures from the genuine recorded walks: each kind of edit a student could make
// to evidence.json by hand (facts only, facts and the raw documents, with or without the digest made again),
// and combinations; and, as a student who has read src/trust/ would, events dropped, a classmate's container or
// whole file rewritten (ids, paths, engine, times) and documents spliced in from other engines. Each forgery
// states the verdicts its facts now earn and the trust reasons it must get. What no check can see is kept too, as
// a limit (collected, no reason) that docs/trust.md states with the reason; the class's forgeries are graded as
// a class, each student with the class reasons they must get.
//   npx tsx scripts/forge-evidence.ts      (writes fixtures/evidence-v2/forged/, limits/ and class/)
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { StepStatus } from "../src/lab/check-result.ts";
import { evidenceDigest } from "../src/evidence/digest.ts";
import type { EvidenceFileV2, RawDocument } from "../src/evidence/evidence-file-v2.ts";
import { snapshotOf, writeEvidenceFile } from "../src/evidence/evidence-file.ts";
import type { ContainerFact } from "../src/evidence/types.ts";
import { judgeEngine } from "../src/lab/judge.ts";
import { ENGINE_STEP_IDS, type EngineStepId, handoutLab } from "../testing/lab/lab-steps.ts";
import type { ReasonCode } from "../src/trust/reason-codes.ts";
import { rederive, rewriteFile, spliceContainer } from "./forge-rewrite.ts";

const root = path.resolve(import.meta.dirname, "..");
const genuine = path.join(root, "fixtures/evidence-v2/genuine");
const out = path.join(root, "fixtures/evidence-v2/forged");
const limitsOut = path.join(root, "fixtures/evidence-v2/limits");
const classOut = path.join(root, "fixtures/evidence-v2/class");
const reference = await readFile(path.join(root, "labs/docker-install/reference/Dockerfile"), "utf8");

type Walk = `${"full-walk" | "never-started" | "wrong-name" | "images-kept" | "no-it"}${"" | "-28-containerd" | `-${"20.10" | "26.1" | "28.5"}-${"overlay2" | "containerd"}`}`;
interface Forgery {
  name: string;
  from: Walk;
  description: string;
  /** Edits the file in place, or returns the file that replaces it (whatever else it returns is ignored). */
  edit: (f: EvidenceFileV2) => unknown;
  /** "stale": the digest collect wrote is left; "recomputed": the forger made it again. */
  digest: "stale" | "recomputed";
  /** What the forged facts grade as, where it differs from the walk's own verdicts. */
  steps?: Partial<Record<EngineStepId, StepStatus>>;
  reasons: ReasonCode[];
  context?: { requireFormat?: 2; window?: { start: string; end: string } };
  dockerfile?: string;
  /** Write format 1 (the facts alone) instead. */
  downgrade?: boolean;
}

const ALL_PASS = Object.fromEntries(ENGINE_STEP_IDS.map((id) => [id, "passed"])) as Record<EngineStepId, StepStatus>;

const fact = (f: EvidenceFileV2, name: string): ContainerFact => must(f.containers.find((c) => c.name === name), `container ${name}`);
const factFrom = (f: EvidenceFileV2, image: string, not?: string): ContainerFact => must(f.containers.find((c) => c.image === image && c.name !== not), `container from ${image}`);
const raw = (f: EvidenceFileV2, id: string): RawDocument => must(f.raw!.containers.find((c) => c.Id === id), `raw container ${id}`);
const config = (doc: RawDocument) => doc.Config as Record<string, unknown>;
const state = (doc: RawDocument) => doc.State as Record<string, unknown>;
const fakeId = (seed: string) => createHash("sha256").update(seed).digest("hex");
const later = (time: string, ms: number) => new Date(Date.parse(time) + ms).toISOString().replace(/\.(\d{3})Z$/, ".$1000000Z");

function rename(f: EvidenceFileV2, from: string, to: string, everywhere: boolean): void {
  const c = fact(f, from);
  c.name = to;
  if (everywhere) raw(f, c.id).Name = `/${to}`;
}

function setTty(f: EvidenceFileV2, name: string, everywhere: boolean): void {
  const c = fact(f, name);
  c.tty = true;
  c.interactive = true;
  if (everywhere) Object.assign(config(raw(f, c.id)), { Tty: true, OpenStdin: true, AttachStdin: true, StdinOnce: true });
}

function dropContainer(f: EvidenceFileV2, id: string, everywhere: boolean): void {
  f.containers = f.containers.filter((c) => c.id !== id);
  if (everywhere) f.raw!.containers = f.raw!.containers.filter((c) => c.Id !== id);
}

function retag(f: EvidenceFileV2, imageId: string, tags: string[], everywhere: boolean): void {
  const image = must(f.images.find((i) => i.id === imageId), `image ${imageId}`);
  image.tags = tags;
  if (!everywhere) return;
  const at = f.raw!.imageList.findIndex((i) => i.Id === imageId);
  const keep = (f.raw!.imageList[at]!.RepoTags as string[]).filter((t) => t.startsWith("labgrade/"));
  f.raw!.imageList[at]!.RepoTags = [...tags, ...keep];
  f.raw!.images[at]!.RepoTags = [...tags, ...keep];
}

// A container that never started marked started and exited, in the facts and its inspect document, with
// hello-world's output as a TTY writes it, copied from the container that did run.
function markStarted(f: EvidenceFileV2, name: string): ContainerFact {
  const c = fact(f, name);
  const logs = factFrom(f, "hello-world", name).logs.replace(/\n/g, "\r\n");
  Object.assign(c, { status: "exited", everStarted: true, exitCode: 0, startedAt: later(c.created, 2_000), finishedAt: later(c.created, 2_100), logs });
  Object.assign(state(raw(f, c.id)), { Status: "exited", StartedAt: c.startedAt, FinishedAt: c.finishedAt, ExitCode: 0 });
  return c;
}

const tagged = (f: EvidenceFileV2, repo: string) => must(f.images.find((i) => i.tags.some((t) => t.startsWith(`${repo}:`))), `image ${repo}`);

const FORGERIES: Forgery[] = [
  { name: "name-in-facts", from: "wrong-name", description: "my-container renamed mycontainer in the facts only.", digest: "stale", edit: (f) => rename(f, "my-container", "mycontainer", false), steps: ALL_PASS, reasons: ["digest-mismatch", "fact-mismatch", "events-contradict"] },
  { name: "name-everywhere", from: "wrong-name", description: "my-container renamed mycontainer in the facts and its inspect document, digest made again.", digest: "recomputed", edit: (f) => rename(f, "my-container", "mycontainer", true), steps: ALL_PASS, reasons: ["events-contradict"] },
  { name: "name-everywhere-stale-digest", from: "wrong-name", description: "my-container renamed in the facts and its inspect document; the digest left as collect wrote it.", digest: "stale", edit: (f) => rename(f, "my-container", "mycontainer", true), steps: ALL_PASS, reasons: ["digest-mismatch", "events-contradict"] },
  { name: "tty-in-facts", from: "no-it", description: "mycontainer's tty and interactive set true in the facts only.", digest: "stale", edit: (f) => setTty(f, "mycontainer", false), steps: ALL_PASS, reasons: ["digest-mismatch", "fact-mismatch", "logs-mismatch"] },
  { name: "tty-everywhere", from: "no-it", description: "mycontainer's -i -t set in the facts and its inspect document, digest made again.", digest: "recomputed", edit: (f) => setTty(f, "mycontainer", true), steps: ALL_PASS, reasons: ["logs-mismatch"] },
  {
    name: "pythonapp-tag-added", from: "images-kept", description: "pythonapp:latest added to the python image's tags in the facts only.", digest: "stale",
    edit: (f) => retag(f, tagged(f, "python").id, ["pythonapp:latest", "python:latest"], false), steps: { ...ALL_PASS, "hello-world-removed": "failed", "python-image-removed": "failed" }, reasons: ["digest-mismatch", "fact-mismatch", "id-duplicate"],
  },
  {
    name: "pythonapp-tag-moved-everywhere", from: "images-kept", description: "pythonapp:latest moved onto the python image in the facts, the image list and the inspect documents, digest made again.", digest: "recomputed",
    edit: (f) => {
      const app = tagged(f, "pythonapp").id;
      retag(f, app, [], true);
      retag(f, tagged(f, "python").id, ["pythonapp:latest"], true);
      f.images = f.images.filter((i) => i.id !== app); // an untagged image in the facts would give it away
      const at = f.raw!.imageList.findIndex((i) => i.Id === app);
      f.raw!.imageList.splice(at, 1);
      f.raw!.images.splice(at, 1);
      delete f.raw!.history[app];
    },
    steps: { ...ALL_PASS, "hello-world-removed": "failed" }, reasons: ["app-not-built-from-dockerfile"],
  },
  { name: "hello-world-tag-removed", from: "images-kept", description: "The hello-world image dropped from the facts only.", digest: "stale", edit: (f) => (f.images = f.images.filter((i) => !i.tags.includes("hello-world:latest"))), steps: { ...ALL_PASS, "python-image-removed": "failed" }, reasons: ["digest-mismatch", "fact-mismatch", "events-missing-removal"] },
  {
    name: "hello-world-tag-removed-everywhere", from: "images-kept", description: "hello-world:latest removed from the facts, the image list and the inspect document, digest made again.", digest: "recomputed",
    edit: (f) => {
      const id = tagged(f, "hello-world").id;
      retag(f, id, [], true);
      f.images = f.images.filter((i) => i.id !== id);
    },
    steps: { ...ALL_PASS, "python-image-removed": "failed" }, reasons: ["events-missing-removal"],
  },
  { name: "container-removed", from: "wrong-name", description: "my-container dropped from the facts only.", digest: "stale", edit: (f) => dropContainer(f, fact(f, "my-container").id, false), steps: { "mycontainer-created": "failed", "mycontainer-started": "failed" }, reasons: ["digest-mismatch", "fact-mismatch", "events-contradict"] },
  { name: "container-removed-everywhere", from: "wrong-name", description: "my-container dropped from the facts and the raw documents, digest made again.", digest: "recomputed", edit: (f) => dropContainer(f, fact(f, "my-container").id, true), steps: { "mycontainer-created": "failed", "mycontainer-started": "failed" }, reasons: ["events-contradict"] },
  {
    name: "times-after-collection", from: "full-walk", description: "mycontainer's times moved a day later in the facts and its inspect document, digest made again.", digest: "recomputed",
    edit: (f) => {
      const c = fact(f, "mycontainer");
      const doc = raw(f, c.id);
      c.created = doc.Created = later(c.created, 86_400_000);
      c.startedAt = state(doc).StartedAt = later(c.startedAt!, 86_400_000);
      c.finishedAt = state(doc).FinishedAt = later(c.finishedAt!, 86_400_000);
    },
    reasons: ["time-after-collection", "events-contradict", "events-missing-removal"],
  },
  {
    name: "times-out-of-order", from: "full-walk", description: "mycontainer's start moved before its creation in the facts only.", digest: "stale",
    edit: (f) => {
      const c = fact(f, "mycontainer");
      c.startedAt = later(c.created, -60_000);
    },
    reasons: ["digest-mismatch", "fact-mismatch", "time-order"],
  },
  { name: "collected-in-future", from: "full-walk", description: "collectedAt moved ten years on, digest made again.", digest: "recomputed", edit: (f) => (f.collectedAt = later(f.collectedAt, 3650 * 86_400_000)), reasons: ["collected-in-future"] },
  { name: "outside-window", from: "full-walk", description: "Genuine evidence, graded with an assignment window that ended before it was collected.", digest: "recomputed", edit: () => undefined, context: { window: { start: "2026-01-05T00:00:00Z", end: "2026-01-19T23:59:59Z" } }, reasons: ["time-outside-window"] },
  {
    name: "image-id-changed", from: "full-walk", description: "mycontainer's image id changed in the facts and its inspect document, digest made again.", digest: "recomputed",
    edit: (f) => {
      const c = fact(f, "mycontainer");
      c.imageId = raw(f, c.id).Image = `sha256:${fakeId("image")}`;
    },
    reasons: ["image-unknown"],
  },
  {
    name: "image-id-changed-in-facts", from: "full-walk", description: "mycontainer's image id changed in the facts only.", digest: "stale",
    edit: (f) => (fact(f, "mycontainer").imageId = `sha256:${fakeId("image")}`), reasons: ["digest-mismatch", "fact-mismatch", "image-unknown"],
  },
  { name: "raw-doc-edited", from: "no-it", description: "mycontainer's inspect document given a TTY, the facts left alone.", digest: "stale", edit: (f) => Object.assign(config(raw(f, fact(f, "mycontainer").id)), { Tty: true }), steps: { "mycontainer-created": "failed" }, reasons: ["digest-mismatch", "fact-mismatch"] },
  { name: "format-1-downgrade", from: "full-walk", description: "The facts handed in as format 1, to escape the checks, where the class requires format 2.", digest: "stale", edit: () => undefined, downgrade: true, context: { requireFormat: 2 }, reasons: ["format-too-old"] },
  { name: "dockerfile-mismatch", from: "full-walk", description: "Genuine evidence handed in with a Dockerfile the pythonapp image was not built from.", digest: "stale", edit: () => undefined, dockerfile: 'FROM python\nWORKDIR /src\nCOPY app.py /src/\nRUN pip install numpy matplotlib pandas\nCMD ["python", "main.py"]\n', reasons: ["app-not-built-from-dockerfile"] },
  {
    name: "engine-version-edited", from: "full-walk", description: "The engine's version changed to 28.2.2 in the facts and /version, digest made again.", digest: "recomputed",
    edit: (f) => (f.engine!.version = (f.raw!.version.Version = "28.2.2") as string), reasons: ["engine-version-api", "engine-inconsistent"],
  },
  {
    name: "engine-arch-edited", from: "full-walk", description: "The engine's architecture changed to arm64 in the facts and /version, digest made again.", digest: "recomputed",
    edit: (f) => (f.engine!.arch = (f.raw!.version.Arch = "arm64") as string), reasons: ["engine-inconsistent", "engine-arch"],
  },
  {
    name: "container-id-changed", from: "full-walk", description: "mycontainer's id changed in the facts and its inspect document, digest made again.", digest: "recomputed",
    edit: (f) => {
      const c = fact(f, "mycontainer");
      const doc = raw(f, c.id);
      c.id = doc.Id = fakeId("container");
    },
    // The id is in its files' paths too (containers/<id>/).
    reasons: ["id-mismatch", "events-missing-create", "events-contradict", "inspect-paths"],
  },
  {
    name: "never-started-made-started", from: "never-started", description: "mycontainer marked started and exited in the facts and its inspect document, digest made again.", digest: "recomputed",
    edit: (f) => void markStarted(f, "mycontainer"),
    // On 20.10 a container that ran keeps its network sandbox after it exits: one that never started has none.
    steps: ALL_PASS, reasons: ["events-contradict", "inspect-shape"],
  },
  {
    name: "name-and-times-stale-digest", from: "wrong-name", description: "Combination: my-container renamed and its start moved, in the facts and its inspect document; the digest left stale.", digest: "stale",
    edit: (f) => {
      rename(f, "my-container", "mycontainer", true);
      const c = fact(f, "mycontainer");
      c.startedAt = state(raw(f, c.id)).StartedAt = later(c.startedAt!, 30_000);
    },
    steps: ALL_PASS, reasons: ["digest-mismatch", "time-order", "events-contradict"],
  },
  {
    name: "tty-and-app-run-removed", from: "no-it", description: "Combination: -i -t set on mycontainer and the app's run dropped, everywhere, digest made again.", digest: "recomputed",
    edit: (f) => {
      setTty(f, "mycontainer", true);
      dropContainer(f, factFrom(f, "pythonapp").id, true);
    },
    steps: ALL_PASS, reasons: ["logs-mismatch", "events-contradict"],
  },
  {
    name: "fabricated-container", from: "wrong-name", description: "Combination: a mycontainer added by copying my-container's facts and document under a new id and name, digest made again.", digest: "recomputed",
    edit: (f) => {
      const c = structuredClone(fact(f, "my-container"));
      const doc = structuredClone(raw(f, c.id));
      c.id = doc.Id = fakeId("fabricated");
      c.name = "mycontainer";
      doc.Name = "/mycontainer";
      f.containers.push(c);
      f.raw!.containers.push(doc);
    },
    steps: ALL_PASS, reasons: ["id-mismatch", "events-missing-create", "inspect-paths"],
  },
  {
    name: "hello-world-output-edited", from: "full-walk", description: "The first hello-world container's output rewritten in the facts (logs are in no document), digest made again.", digest: "recomputed",
    edit: (f) => (factFrom(f, "hello-world", "mycontainer").logs = "Hello from Docker!\nThis message shows that your installation appears to be working correctly.\nI did every step of the lab.\n    (arm64v8)\n"),
    reasons: ["engine-arch"],
  },
  {
    name: "hello-world-output-replaced", from: "full-walk", description: "mycontainer's output replaced by other text in the facts, digest made again.", digest: "recomputed",
    edit: (f) => (fact(f, "mycontainer").logs = "Hello, world!\r\n"), steps: { "mycontainer-started": "failed" }, reasons: ["hello-world-output"],
  },
  {
    name: "container-id-malformed", from: "full-walk", description: "mycontainer's id written in capitals in the facts and its inspect document, digest made again.", digest: "recomputed",
    edit: (f) => {
      const c = fact(f, "mycontainer");
      c.id = raw(f, c.id).Id = c.id.toUpperCase();
    },
    reasons: ["id-malformed", "id-mismatch", "events-missing-create", "events-contradict", "inspect-paths"],
  },
  { name: "raw-dropped", from: "full-walk", description: "The raw documents removed (raw: null) to escape the checks, digest made again.", digest: "recomputed", edit: (f) => (f.raw = null), reasons: ["raw-missing"] },
  {
    name: "raw-malformed", from: "full-walk", description: "mycontainer's inspect document stripped of its State, digest made again.", digest: "recomputed",
    edit: (f) => delete raw(f, fact(f, "mycontainer").id).State, reasons: ["raw-malformed", "inspect-shape"],
  },
];

// The same edits on walks recorded on Docker 28 with the containerd image store (image ids are index digests,
// untag events name the tag): caught there too.
for (const name of ["name-everywhere", "tty-everywhere", "hello-world-tag-removed-everywhere", "image-id-changed", "container-id-changed"]) {
  const base = FORGERIES.find((f) => f.name === name)!;
  FORGERIES.push({ ...base, name: `${name}-28-containerd`, from: `${base.from}-28-containerd` as Walk, description: `${base.description} (Docker 28, containerd image store.)` });
}

// A forger who has read src/trust/: the cheapest edits that passed before, and splices from other engines.
const walk = (name: Walk): EvidenceFileV2 => JSON.parse(readFileSync(path.join(genuine, name, "evidence.json"), "utf8")) as EvidenceFileV2;
const renameEverywhere = (f: EvidenceFileV2, from: string, to: string) => {
  rename(f, from, to, true);
  for (const e of f.raw!.events?.events ?? []) {
    const attributes = (e.Actor as { Attributes: Record<string, string> }).Attributes;
    if (attributes.name === from) attributes.name = to;
  }
};
const NEW = "wrong-name-26.1-overlay2" as const;
FORGERIES.push(
  {
    name: "events-null-rename", from: NEW, description: "The four-line forgery: my-container renamed mycontainer in the facts and its inspect document, `raw.events` set to null, digest made again.", digest: "recomputed",
    edit: (f) => {
      rename(f, "my-container", "mycontainer", true);
      f.raw!.events = null;
    },
    steps: ALL_PASS, reasons: ["events-missing"],
  },
  {
    name: "events-emptied-rename", from: NEW, description: "my-container renamed mycontainer in the facts and its inspect document, the events emptied (none received), digest made again.", digest: "recomputed",
    edit: (f) => {
      rename(f, "my-container", "mycontainer", true);
      f.raw!.events = { ...f.raw!.events!, events: [], received: 0 };
    },
    steps: ALL_PASS, reasons: ["events-dropped"],
  },
  {
    name: "events-emptied-live-restore-claimed", from: NEW, description: "As events-emptied-rename, and /info's LiveRestoreEnabled set true, claiming a restart that kept the bridge: no container ran through the cut, so live restore explains nothing.", digest: "recomputed",
    edit: (f) => {
      rename(f, "my-container", "mycontainer", true);
      f.raw!.events = { ...f.raw!.events!, events: [], received: 0 };
      f.raw!.info.LiveRestoreEnabled = true;
    },
    steps: ALL_PASS, reasons: ["events-dropped"],
  },
  {
    name: "events-trimmed-rename", from: NEW, description: "my-container renamed mycontainer in the facts and its inspect document, every event before the app's build dropped (the count with them), digest made again.", digest: "recomputed",
    edit: (f) => {
      rename(f, "my-container", "mycontainer", true);
      const events = f.raw!.events!;
      const cut = Date.parse(fact(f, "mycontainer").finishedAt!) * 1e6 + 1e9;
      events.events = events.events.filter((e) => (e.timeNano as number) > cut);
      events.received = events.events.length;
    },
    steps: ALL_PASS, reasons: ["events-dropped"],
  },
  {
    name: "events-trimmed-buffer-claimed-full", from: NEW, description: "As events-trimmed-rename, but the events' count set to 256, claiming moby's buffer let the lab's events go.", digest: "recomputed",
    edit: (f) => {
      rename(f, "my-container", "mycontainer", true);
      const events = f.raw!.events!;
      events.events = events.events.filter((e) => (e.Actor as { ID: string }).ID !== fact(f, "mycontainer").id);
      events.received = 256;
    },
    steps: ALL_PASS, reasons: ["events-missing-create"],
  },
  {
    name: "events-trimmed-networks-dropped", from: NEW, description: "As events-trimmed-rename, and the networks removed so that the file looks as an older collect wrote it: no restart is shown, so the cut shows.", digest: "recomputed",
    edit: (f) => {
      rename(f, "my-container", "mycontainer", true);
      const events = f.raw!.events!;
      events.events = events.events.filter((e) => (e.timeNano as number) / 1e6 > Date.parse(fact(f, "mycontainer").finishedAt!) + 1_000);
      delete events.received;
      delete f.raw!.networks;
    },
    steps: ALL_PASS, reasons: ["events-dropped"],
  },
  {
    name: "splice-other-store", from: NEW, description: "A classmate's mycontainer (Docker 26.1, containerd image store) put in place of my-container, rewritten as this engine would write it: a new id, this engine's root and exec root, times moved, this hello-world's image id, my-container's events renamed for it; digest made again.", digest: "recomputed",
    edit: (f) => spliceContainer(f, walk("full-walk-26.1-containerd"), "mycontainer", "my-container", "other-store"),
    steps: ALL_PASS, reasons: ["inspect-paths"],
  },
  {
    name: "splice-other-version", from: NEW, description: "A classmate's mycontainer from Docker 28.5 (overlay2, the same store) spliced in as splice-other-store is.", digest: "recomputed",
    edit: (f) => spliceContainer(f, walk("full-walk-28.5-overlay2"), "mycontainer", "my-container", "other-version"),
    steps: ALL_PASS, reasons: ["inspect-shape"],
  },
  {
    name: "splice-paths-kept", from: NEW, description: "A classmate's mycontainer document from the same Docker version and store, copied with a new id in its Id, Name and hostname only (its paths left as the classmate's engine wrote them).", digest: "recomputed",
    edit: (f) => {
      const source = walk("full-walk-26.1-overlay2");
      const doc = structuredClone(source.raw!.containers.find((c) => c.Name === "/mycontainer")!);
      const old = raw(f, fact(f, "my-container").id);
      doc.Id = fakeId("paths-kept");
      (doc.Config as Record<string, unknown>).Hostname = String(doc.Id).slice(0, 12);
      doc.Image = old.Image;
      f.raw!.containers = f.raw!.containers.map((c) => (c === old ? doc : c));
      for (const e of f.raw!.events!.events) {
        const actor = e.Actor as { ID: string; Attributes: Record<string, string> };
        if (actor.ID === old.Id) Object.assign(actor, { ID: doc.Id, Attributes: { ...actor.Attributes, name: "mycontainer" } });
      }
      // Its times are the classmate's: the events made to agree with them, as a forger would.
      const created = Date.parse(String(doc.Created));
      for (const e of f.raw!.events!.events.filter((e) => (e.Actor as { ID: string }).ID === doc.Id)) e.timeNano = created * 1e6 + 1e6;
      f.containers.find((c) => c.id === old.Id)!.id = String(doc.Id);
      return rederive(f);
    },
    steps: ALL_PASS, reasons: ["inspect-paths"],
  },
  {
    name: "exited-sandbox-on-28", from: "no-it-28.5-overlay2", description: "mycontainer's document given the network sandbox a 26.1 engine keeps for an exited container (copied from such a walk), -i -t set in it and the facts, digest made again.", digest: "recomputed",
    edit: (f) => {
      setTty(f, "mycontainer", true);
      const doc = raw(f, fact(f, "mycontainer").id);
      const other = walk("no-it-26.1-overlay2").raw!.containers.find((c) => c.Name === "/mycontainer")!;
      const sandbox = (other.NetworkSettings as { SandboxID: string }).SandboxID;
      const execRoot = String((other.NetworkSettings as { SandboxKey: string }).SandboxKey).replace(/\/netns\/.*$/, "");
      Object.assign(doc.NetworkSettings as object, { SandboxID: sandbox, SandboxKey: `${execRoot}/netns/${sandbox.slice(0, 12)}` });
    },
    steps: ALL_PASS, reasons: ["inspect-shape", "logs-mismatch"],
  },
  {
    name: "never-started-made-started-28.5", from: "never-started-28.5-overlay2", description: "mycontainer marked started and exited in the facts and its inspect document (28.5 releases an exited container's sandbox: none to forge), hello-world's output given it, and attach, start and die events made for it; digest made again.", digest: "recomputed",
    edit: (f) => {
      const c = markStarted(f, "mycontainer");
      const create = f.raw!.events!.events.find((e) => (e.Actor as { ID: string }).ID === c.id && e.Action === "create")!;
      for (const [action, at] of [["attach", c.created], ["start", c.startedAt!], ["die", c.finishedAt!]] as const) {
        const ns = Date.parse(at) * 1e6;
        f.raw!.events!.events.push({ ...structuredClone(create), status: action, Action: action, time: Math.floor(ns / 1e9), timeNano: ns });
      }
    },
    steps: ALL_PASS, reasons: ["inspect-shape"],
  },
  {
    name: "inspect-made-by-hand", from: NEW, description: "A mycontainer added whose inspect document holds only what labgrade derives facts from (written by hand from the source), with its events; digest made again.", digest: "recomputed",
    edit: (f) => {
      const id = fakeId("by-hand");
      const like = raw(f, fact(f, "my-container").id);
      const doc: RawDocument = { Id: id, Name: "/mycontainer", Created: like.Created, Image: like.Image, Path: "/hello", Args: [], State: like.State, Config: { Image: "hello-world", Tty: true, OpenStdin: true, Hostname: id.slice(0, 12), Labels: {} } };
      f.raw!.containers.push(doc);
      for (const e of structuredClone(f.raw!.events!.events.filter((e) => (e.Actor as { ID: string }).ID === like.Id))) {
        Object.assign(e.Actor as object, { ID: id, Attributes: { ...(e.Actor as { Attributes: object }).Attributes, name: "mycontainer" } });
        e.id = id;
        f.raw!.events!.events.push(e);
      }
      f.containers.push({ ...fact(f, "my-container"), id, name: "mycontainer", tty: true, interactive: true, logs: fact(f, "my-container").logs.replace(/\n/g, "\r\n") });
      return rederive(f);
    },
    steps: ALL_PASS, reasons: ["inspect-shape"],
  },
);

await rm(out, { recursive: true, force: true });
let wrong = 0;
for (const forgery of FORGERIES) {
  const source = path.join(genuine, forgery.from);
  const file = JSON.parse(await readFile(path.join(source, "evidence.json"), "utf8")) as EvidenceFileV2;
  const walkSteps = (JSON.parse(await readFile(path.join(source, "expected.json"), "utf8")) as { steps: Record<EngineStepId, StepStatus> }).steps;
  const edited = forgery.edit(file);
  const forged = typeof edited === "object" && edited !== null && "schema" in edited ? (edited as EvidenceFileV2) : file;
  if (forgery.digest === "recomputed") forged.digest = evidenceDigest(forged);
  const steps = { ...walkSteps, ...forgery.steps };
  const judged = judgeEngine(handoutLab, { kind: "snapshot", snapshot: snapshotOf(forged), source: "evidence-file" });
  const differ = Object.entries(steps).filter(([id, s]) => judged[id as EngineStepId]?.status !== s);
  if (differ.length) {
    wrong++;
    console.log(`${forgery.name}: the facts grade otherwise than stated: ${differ.map(([id, s]) => `${id} stated ${s}, judged ${judged[id as EngineStepId]?.status}`).join("; ")}`);
  }
  const dir = path.join(out, forgery.name);
  await mkdir(dir, { recursive: true });
  await writeEvidenceFile(path.join(dir, "evidence.json"), forgery.downgrade ? snapshotOf(forged) : forged);
  await writeFile(path.join(dir, "Dockerfile"), forgery.dockerfile ?? reference);
  const expected = { description: forgery.description, from: forgery.from, digest: forgery.digest, steps, trust: { level: "suspicious", reasons: forgery.reasons }, ...(forgery.context ? { context: forgery.context } : {}) };
  await writeFile(path.join(dir, "expected.json"), JSON.stringify(expected, null, 2) + "\n");
}
// Each genuine walk is handed in with the Dockerfile it was built from.
for (const walk of await readdir(genuine)) await writeFile(path.join(genuine, walk, "Dockerfile"), reference);
console.log(`Wrote ${FORGERIES.length} forgeries to ${out}${wrong ? `; ${wrong} grade otherwise than stated` : ""}.`);
// What no check can see: each is graded collected with no reason, and docs/trust.md states it with the reason.
interface Limit {
  name: string;
  from: Walk;
  description: string;
  edit: (f: EvidenceFileV2) => unknown;
  steps?: Partial<Record<EngineStepId, StepStatus>>;
}
const trimBefore = (f: EvidenceFileV2, ms: number) => {
  const events = f.raw!.events!;
  events.events = events.events.filter((e) => (e.timeNano as number) / 1e6 > ms);
};
const lastCreated = (f: EvidenceFileV2) => Math.max(...f.containers.map((c) => Date.parse(c.created)));
const LIMITS: Limit[] = [
  { name: "renamed-everywhere", from: NEW, description: "my-container renamed mycontainer in the facts, its inspect document and every event naming it, digest made again: a consistent edit of a value the engine derives nothing from.", edit: (f) => renameEverywhere(f, "my-container", "mycontainer"), steps: ALL_PASS },
  {
    name: "classmate-rewritten", from: "full-walk-26.1-overlay2", description: "A classmate's whole file with every container and sandbox id, the engine's id, name, data and exec roots, and every time (shifted by whole seconds) rewritten, the facts derived again, digest made again. Alone it is consistent; graded with the classmate's it is caught (class/copy-rewritten).",
    edit: (f) => rewriteFile(f, { seed: "classmate", shiftSeconds: -(3 * 86_400 + 3_713) }),
  },
  {
    name: "buffer-claimed-full", from: NEW, description: "my-container renamed mycontainer in the facts and its inspect document, every event before the lab's last container dropped, and the events' count set to moby's 256, claiming the buffer let them go.",
    edit: (f) => {
      rename(f, "my-container", "mycontainer", true);
      trimBefore(f, lastCreated(f) + 1_000);
      f.raw!.events!.received = 256;
    },
    steps: ALL_PASS,
  },
  {
    name: "restart-faked", from: "wrong-name-28.5-overlay2", description: "my-container renamed mycontainer in the facts and its inspect document, every event before the lab's last container dropped, and the default bridge network's creation moved after it, claiming the engine restarted since (on 28.5 an exited container holds no sandbox, so nothing else would change).",
    edit: (f) => {
      rename(f, "my-container", "mycontainer", true);
      const after = lastCreated(f) + 1_000;
      trimBefore(f, after);
      const bridge = f.raw!.networks!.find((n) => n.Name === "bridge")!;
      bridge.Created = new Date(after + 5_000).toISOString();
    },
    steps: ALL_PASS,
  },
];

// The class's forgeries: each student's file, and the class reasons each must get when graded together.
interface ClassCase {
  name: string;
  description: string;
  students: Record<string, () => EvidenceFileV2>;
  reasons: Record<string, ReasonCode[]>;
}
const classmate = () => walk("full-walk-26.1-overlay2");
const CLASS_CASES: ClassCase[] = [
  {
    name: "copy-rewritten", description: "ben handed in ana's file with every id, path, engine name and time rewritten (limits/classmate-rewritten): the RUN layer of ana's build and the nanoseconds of her runs are still hers.",
    students: { ana: classmate, ben: () => rewriteFile(classmate(), { seed: "classmate", shiftSeconds: -(3 * 86_400 + 3_713) }) },
    reasons: { ana: ["class-same-timing", "class-shared-layer"], ben: ["class-same-timing", "class-shared-layer"] },
  },
  {
    name: "copy-rewritten-new-layer", description: "As copy-rewritten, and the build's top layer given a made-up digest: the runs' intervals remain.",
    students: { ana: classmate, ben: () => rewriteFile(classmate(), { seed: "classmate", shiftSeconds: -86_400, newLayers: true }) },
    reasons: { ana: ["class-same-timing"], ben: ["class-same-timing"] },
  },
  {
    name: "copy-jittered", description: "ana's file rewritten as copy-rewritten, a few microseconds added at random to every time and the build's top layer made up: the containers' read-write layers, which the rewriting leaves, still give it away.",
    students: { ana: classmate, ben: () => rewriteFile(classmate(), { seed: "classmate", shiftSeconds: -86_400, newLayers: true, jitter: true }) },
    reasons: {},
  },
  {
    name: "splice-one-container", description: "ben (Docker 26.1, containerd store) put ana's mycontainer in place of his my-container, rewritten as his engine would write it (splice-other-store): its own file says it is from another store, and the class sees ana's run.",
    students: { ana: classmate, ben: () => spliceContainer(walk("wrong-name-26.1-containerd"), classmate(), "mycontainer", "my-container", "ben") },
    reasons: { ana: ["class-same-timing"], ben: ["class-same-timing"] },
  },
  {
    name: "genuine-engines", description: "One genuine walk from each engine of the matrix, and the walks recorded by older collects: different engines, no class reason.",
    students: Object.fromEntries((["full-walk-20.10-overlay2", "full-walk-26.1-overlay2", "full-walk-26.1-containerd", "full-walk-28.5-overlay2", "full-walk-28.5-containerd", "full-walk", "full-walk-28-containerd", "no-it-26-overlay2"] as Walk[]).map((w) => [w, () => walk(w)])),
    reasons: {},
  },
];

await rm(limitsOut, { recursive: true, force: true });
for (const limit of LIMITS) {
  const file = walk(limit.from);
  const edited = limit.edit(file);
  const forged = rederive(typeof edited === "object" && edited !== null && "schema" in edited ? (edited as EvidenceFileV2) : file);
  const walkSteps = (JSON.parse(await readFile(path.join(genuine, limit.from, "expected.json"), "utf8")) as { steps: Record<EngineStepId, StepStatus> }).steps;
  const dir = path.join(limitsOut, limit.name);
  await mkdir(dir, { recursive: true });
  await writeEvidenceFile(path.join(dir, "evidence.json"), forged);
  await writeFile(path.join(dir, "Dockerfile"), reference);
  await writeFile(path.join(dir, "expected.json"), JSON.stringify({ description: limit.description, from: limit.from, steps: { ...walkSteps, ...limit.steps }, trust: { level: "collected", reasons: [] }, limit: limit.name }, null, 2) + "\n");
}
await rm(classOut, { recursive: true, force: true });
for (const c of CLASS_CASES) {
  for (const [student, make] of Object.entries(c.students)) {
    const dir = path.join(classOut, c.name, student);
    await mkdir(dir, { recursive: true });
    await writeEvidenceFile(path.join(dir, "evidence.json"), make());
  }
  await writeFile(path.join(classOut, c.name, "expected.json"), JSON.stringify({ description: c.description, reasons: c.reasons }, null, 2) + "\n");
}
console.log(`Wrote ${LIMITS.length} limits to ${limitsOut} and ${CLASS_CASES.length} class cases to ${classOut}.`);
process.exitCode = wrong ? 1 : 0;

function must<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`the genuine walk has no ${what}`);
  return value;
}
