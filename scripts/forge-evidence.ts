// Makes the forged evidence fixtures from the genuine recorded walks: each kind of edit a student could make
// to evidence.json by hand (facts only, facts and the raw documents, with or without the digest made again),
// and combinations. Each forgery states the verdicts its facts now earn and the trust reasons it must get.
//   npx tsx scripts/forge-evidence.ts      (writes fixtures/evidence-v2/forged/)
import { createHash } from "node:crypto";
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

const root = path.resolve(import.meta.dirname, "..");
const genuine = path.join(root, "fixtures/evidence-v2/genuine");
const out = path.join(root, "fixtures/evidence-v2/forged");
const reference = await readFile(path.join(root, "labs/docker-install/reference/Dockerfile"), "utf8");

type Walk = `${"full-walk" | "never-started" | "wrong-name" | "images-kept" | "no-it"}${"" | "-28-containerd"}`;
interface Forgery {
  name: string;
  from: Walk;
  description: string;
  edit: (f: EvidenceFileV2) => void;
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
    reasons: ["id-mismatch", "events-missing-create", "events-contradict"],
  },
  {
    name: "never-started-made-started", from: "never-started", description: "mycontainer marked started and exited in the facts and its inspect document, digest made again.", digest: "recomputed",
    edit: (f) => {
      const c = fact(f, "mycontainer");
      const doc = raw(f, c.id);
      // hello-world's output as a TTY writes it, copied from the container that did run.
      const logs = factFrom(f, "hello-world", "mycontainer").logs.replace(/\n/g, "\r\n");
      Object.assign(c, { status: "exited", everStarted: true, exitCode: 0, startedAt: later(c.created, 2_000), finishedAt: later(c.created, 2_100), logs });
      Object.assign(state(doc), { Status: "exited", StartedAt: c.startedAt, FinishedAt: c.finishedAt, ExitCode: 0 });
    },
    steps: ALL_PASS, reasons: ["events-contradict"],
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
    steps: ALL_PASS, reasons: ["id-mismatch", "events-missing-create"],
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
    reasons: ["id-malformed", "id-mismatch", "events-missing-create", "events-contradict"],
  },
  { name: "raw-dropped", from: "full-walk", description: "The raw documents removed (raw: null) to escape the checks, digest made again.", digest: "recomputed", edit: (f) => (f.raw = null), reasons: ["raw-missing"] },
  {
    name: "raw-malformed", from: "full-walk", description: "mycontainer's inspect document stripped of its State, digest made again.", digest: "recomputed",
    edit: (f) => delete raw(f, fact(f, "mycontainer").id).State, reasons: ["raw-malformed"],
  },
];

// The same edits on walks recorded on Docker 28 with the containerd image store (image ids are index digests,
// untag events name the tag): caught there too.
for (const name of ["name-everywhere", "tty-everywhere", "hello-world-tag-removed-everywhere", "image-id-changed", "container-id-changed"]) {
  const base = FORGERIES.find((f) => f.name === name)!;
  FORGERIES.push({ ...base, name: `${name}-28-containerd`, from: `${base.from}-28-containerd` as Walk, description: `${base.description} (Docker 28, containerd image store.)` });
}

await rm(out, { recursive: true, force: true });
let wrong = 0;
for (const forgery of FORGERIES) {
  const source = path.join(genuine, forgery.from);
  const file = JSON.parse(await readFile(path.join(source, "evidence.json"), "utf8")) as EvidenceFileV2;
  const walkSteps = (JSON.parse(await readFile(path.join(source, "expected.json"), "utf8")) as { steps: Record<EngineStepId, StepStatus> }).steps;
  forgery.edit(file);
  if (forgery.digest === "recomputed") file.digest = evidenceDigest(file);
  const steps = { ...walkSteps, ...forgery.steps };
  const judged = judgeEngine(handoutLab, { kind: "snapshot", snapshot: snapshotOf(file), source: "evidence-file" });
  const differ = Object.entries(steps).filter(([id, s]) => judged[id as EngineStepId]?.status !== s);
  if (differ.length) {
    wrong++;
    console.log(`${forgery.name}: the facts grade otherwise than stated: ${differ.map(([id, s]) => `${id} stated ${s}, judged ${judged[id as EngineStepId]?.status}`).join("; ")}`);
  }
  const dir = path.join(out, forgery.name);
  await mkdir(dir, { recursive: true });
  await writeEvidenceFile(path.join(dir, "evidence.json"), forgery.downgrade ? snapshotOf(file) : file);
  await writeFile(path.join(dir, "Dockerfile"), forgery.dockerfile ?? reference);
  const expected = { description: forgery.description, from: forgery.from, digest: forgery.digest, steps, trust: { level: "suspicious", reasons: forgery.reasons }, ...(forgery.context ? { context: forgery.context } : {}) };
  await writeFile(path.join(dir, "expected.json"), JSON.stringify(expected, null, 2) + "\n");
}
// Each genuine walk is handed in with the Dockerfile it was built from.
for (const walk of await readdir(genuine)) await writeFile(path.join(genuine, walk, "Dockerfile"), reference);
console.log(`Wrote ${FORGERIES.length} forgeries to ${out}${wrong ? `; ${wrong} grade otherwise than stated` : ""}.`);
process.exitCode = wrong ? 1 : 0;

function must<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`the genuine walk has no ${what}`);
  return value;
}
