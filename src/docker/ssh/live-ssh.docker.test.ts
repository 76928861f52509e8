import { spawn, type ChildProcess } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import type Dockerode from "dockerode";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JOURNAL_FILE, readJournal } from "../../bulk/journal.ts";
import { followStream } from "../../docker/follow.ts";
import { buildHelloWorldSubstitute } from "../../images/hello-world-substitute.ts";
import { type EngineStepId, HANDOUT_WALKS } from "../../../testing/lab/lab-steps.ts";
import { silentProgress } from "../../progress/progress.ts";
import type { Walk } from "../../recorder/walk-scripts.ts";
import { runCli } from "../../../testing/run-cli.ts";
import { startThrowawayEngine, throwawayEngineUnavailable, type ThrowawayEngine } from "../../../testing/throwaway-engine.ts";
import { freePort, makeKeyPair, startThrowawaySshd, throwawaySshdUnavailable, type ThrowawaySshd } from "../../../testing/throwaway-sshd.ts";

// Live grading over SSH against machines of the test's own: throwaway engines (each in a network namespace
// of its own) with the handout walked on them, and sshds on loopback ports whose sessions' docker CLI talks
// to those engines. The grader's own engine is a third throwaway engine; nothing runs on the machine's.
const unavailable = (await throwawayEngineUnavailable()) ?? (await throwawaySshdUnavailable());
const ENGINE_STEPS: EngineStepId[] = ["docker-engine", "hello-world-ran", "mycontainer-created", "mycontainer-started", "hello-world-removed", "pythonapp-image", "python-image-removed"];
const walk = (name: string): Walk => HANDOUT_WALKS.find((w) => w.name === name)!;

interface Machine {
  engine: ThrowawayEngine;
  walk: Walk;
}

type Results = { tests: Array<{ tags: string[]; status: string; score: number; output: string }> };

describe.skipIf(unavailable !== null)(`grading live over ssh://${unavailable ? ` (skipped: ${unavailable})` : ""}`, () => {
  let work = "";
  let grader: ThrowawayEngine;
  const machines: Machine[] = [];
  const sshds: ThrowawaySshd[] = [];
  let agent: ChildProcess | null = null;
  let key = { privateKey: "", publicKey: "" };
  let knownHosts = "";
  let submission = "";

  beforeAll(async () => {
    work = await mkdtemp(path.join(os.tmpdir(), "labgrade-live-ssh-"));
    key = await makeKeyPair(work, "grader");
    // Two students' machines: the whole handout on one, the wrong container name on the other.
    for (const name of ["full-walk", "wrong-name"]) {
      const engine = await startThrowawayEngine();
      machines.push({ engine, walk: walk(name) });
      await labImages(engine);
      await doWalk(engine.socket, walk(name), path.join(work, `walk-${name}`));
    }
    // The grader's engine builds the apps: it needs only labgrade's python (a stand-in here).
    grader = await startThrowawayEngine({ bridge: true });
    await labImages(grader);
    // Three students' sshds: two on the first machine (a lab PC shared by two logins), one on the second.
    for (const machine of [machines[0]!, machines[1]!, machines[0]!]) sshds.push(await startThrowawaySshd({ dockerHost: `unix://${machine.engine.socket}`, authorizedKeys: [key.publicKey] }));
    knownHosts = path.join(work, "known_hosts");
    await writeFile(knownHosts, sshds.map((s) => s.knownHostsLine).join("\n") + "\n");
    submission = path.join(work, "submission");
    await mkdir(submission);
    // No Dockerfile: the app steps fail at once and nothing is built (this test is about the engine steps).
    await writeFile(path.join(submission, "app.py"), "print(1)\n");
  });

  afterAll(async () => {
    if (agent && agent.exitCode === null) agent.kill("SIGTERM");
    for (const sshd of sshds) await sshd.stop();
    for (const machine of machines) await machine.engine.stop();
    await grader?.stop();
    await rm(work, { recursive: true, force: true });
  });

  const onGrader = () => ({ DOCKER_HOST: `unix://${grader.socket}`, SSH_AUTH_SOCK: "", LABGRADE_CACHE_DIR: path.join(work, "cache") });
  const sshUrl = (sshd: ThrowawaySshd) => `ssh://root@127.0.0.1:${sshd.port}`;
  const results = async (dir: string): Promise<Results> => JSON.parse(await readFile(path.join(dir, "results.json"), "utf8")) as Results;
  const engineSteps = (r: Results): Record<string, { status: string; score: number; output: string }> => Object.fromEntries(r.tests.filter((t) => ENGINE_STEPS.includes(t.tags[0] as EngineStepId)).map((t) => [t.tags[0], { status: t.status, score: t.score, output: t.tags[0] === "docker-engine" ? "" : t.output }]));

  it("grades a student's engine over ssh:// with the verdicts a grade against its own socket gives, and changes nothing on it", async () => {
    const { engine, walk } = machines[0]!;
    const before = await engineHolds(engine.docker);
    const remote = await runCli(["grade", submission, "--engine", sshUrl(sshds[0]!), "--identity", key.privateKey, "--known-hosts", knownHosts, "--out", path.join(work, "over-ssh")], onGrader());
    expect(remote.exitCode, remote.stderr).toBe(0);
    expect(await engineHolds(engine.docker)).toEqual(before);
    // Graded locally, the same engine is also the grader's (which may add labgrade's own objects to it): last.
    const local = await runCli(["grade", submission, "--evidence", "live", "--out", path.join(work, "local")], { DOCKER_HOST: `unix://${engine.socket}`, LABGRADE_CACHE_DIR: path.join(work, "cache") });
    expect(local.exitCode, local.stderr).toBe(0);
    const overSsh = engineSteps(await results(path.join(work, "over-ssh")));
    expect(overSsh).toEqual(engineSteps(await results(path.join(work, "local"))));
    expect(Object.fromEntries(Object.entries(overSsh).map(([id, v]) => [id, v.status]))).toEqual(walk.expected);
    const docker = (await results(path.join(work, "over-ssh"))).tests.find((t) => t.tags[0] === "docker-engine")!;
    expect(docker.output).toContain(`answered at ${sshUrl(sshds[0]!)}`);
  });

  it("reads DOCKER_HOST=ssh://… with the key from ssh-agent, and builds nothing on the student's engine", async () => {
    const socket = path.join(work, "agent.sock");
    agent = spawn("ssh-agent", ["-D", "-a", socket], { stdio: "ignore" });
    await until(async () => (await execa("ssh-add", ["-l"], { env: { SSH_AUTH_SOCK: socket }, reject: false })).exitCode === 1);
    await execa("ssh-add", ["-q", key.privateKey], { env: { SSH_AUTH_SOCK: socket } });
    const { engine, walk } = machines[1]!;
    const before = await engineHolds(engine.docker);
    const graded = await runCli(["grade", submission, "--known-hosts", knownHosts, "--out", path.join(work, "agent")], { ...onGrader(), DOCKER_HOST: sshUrl(sshds[1]!), SSH_AUTH_SOCK: socket });
    expect(graded.exitCode, graded.stderr).toBe(0);
    const steps = engineSteps(await results(path.join(work, "agent")));
    expect(Object.fromEntries(Object.entries(steps).map(([id, v]) => [id, v.status]))).toEqual(walk.expected);
    expect(steps["mycontainer-created"]!.output).toContain("found `my-container`");
    expect(await engineHolds(engine.docker)).toEqual(before);
    agent.kill("SIGTERM");
  });

  it("refuses an unknown host key unless --accept-new-hosts, which adds it; never a changed one; and says an unreachable host cannot be reached", async () => {
    const grade = (...args: string[]) => runCli(["grade", submission, "--identity", key.privateKey, "--out", path.join(work, "refused"), ...args], onGrader());
    const empty = path.join(work, "empty_known_hosts");
    const unknown = await grade("--engine", sshUrl(sshds[0]!), "--known-hosts", empty);
    expect(unknown.exitCode).toBe(1);
    expect(unknown.stderr).toContain(`could not reach 127.0.0.1: [127.0.0.1]:${sshds[0]!.port} is not in ${empty}`);
    const accepted = await grade("--engine", sshUrl(sshds[0]!), "--known-hosts", empty, "--accept-new-hosts");
    expect(accepted.exitCode, accepted.stderr).toBe(0);
    expect(await readFile(empty, "utf8")).toBe(`${sshds[0]!.knownHostsLine}\n`);

    // The second sshd's host key written down for the first: what a machine in the middle would present.
    const wrong = path.join(work, "wrong_known_hosts");
    await writeFile(wrong, `[127.0.0.1]:${sshds[0]!.port} ${sshds[1]!.knownHostsLine.split(" ").slice(1).join(" ")}\n`);
    const changed = await grade("--engine", sshUrl(sshds[0]!), "--known-hosts", wrong, "--accept-new-hosts");
    expect(changed.exitCode).toBe(1);
    expect(changed.stderr).toContain(`could not reach 127.0.0.1: the host key of [127.0.0.1]:${sshds[0]!.port} has changed`);

    const nobody = await freePort();
    const unreachable = await grade("--engine", `ssh://root@127.0.0.1:${nobody}`, "--known-hosts", knownHosts);
    expect(unreachable.exitCode).toBe(1);
    expect(unreachable.stderr).toContain(`could not reach 127.0.0.1: nothing listens on port ${nobody}`);
  });

  it("grades a class with --live over a roster of five (three machines, one unreachable, one with a wrong host key), two at a time", async () => {
    const before = await Promise.all(machines.map((m) => engineHolds(m.engine.docker)));
    // Ann's app is in the export; Bob's and Carol's are fetched from their machines.
    const exportDir = path.join(work, "export");
    await mkdir(path.join(exportDir, "ann"), { recursive: true });
    await writeFile(path.join(exportDir, "ann", "app.py"), "print(1)\n");
    await writeFile(path.join(exportDir, "ann", "Dockerfile"), "FROM alpine:3.18\n");
    const folder = (who: string) => path.join(work, "machines", who, "docker-lab");
    for (const who of ["bob", "carol"]) {
      await mkdir(folder(who), { recursive: true });
      await writeFile(path.join(folder(who), "app.py"), "print(2)\n");
    }
    // Bob's builds and runs on the grader's engine (FROM its python stand-in, which has only /hello); Carol's names a base it lacks.
    await writeFile(path.join(folder("bob"), "Dockerfile"), 'FROM python\nCOPY . /app\nCMD ["/hello"]\n');
    await writeFile(path.join(folder("carol"), "Dockerfile"), "FROM alpine:3.19-carol\n");
    const nobody = await freePort();
    const wrongKeyHost = await startThrowawaySshd({ dockerHost: `unix://${machines[0]!.engine.socket}`, authorizedKeys: [key.publicKey] });
    sshds.push(wrongKeyHost);
    const classKnownHosts = path.join(work, "class_known_hosts");
    await writeFile(classKnownHosts, [...sshds.slice(0, 3).map((s) => s.knownHostsLine), `[127.0.0.1]:${wrongKeyHost.port} ${sshds[1]!.knownHostsLine.split(" ").slice(1).join(" ")}`].join("\n") + "\n");
    const roster = path.join(work, "roster.csv");
    await writeFile(
      roster,
      [
        "student,name,host,user,port,identity,folder",
        `ann,Ann Aardvark,127.0.0.1,root,${sshds[0]!.port},${key.privateKey},`,
        `bob,Bob Brown,127.0.0.1,root,${sshds[1]!.port},${key.privateKey},${folder("bob")}`,
        `carol,Carol Chen,127.0.0.1,root,${sshds[2]!.port},${key.privateKey},${folder("carol")}`,
        `dan,Dan Diaz,127.0.0.1,root,${nobody},${key.privateKey},`,
        `eve,Eve Evans,127.0.0.1,root,${wrongKeyHost.port},${key.privateKey},`,
      ].join("\n") + "\n",
    );
    const out = path.join(work, "class");
    const started = Date.now();
    const bulk = await runCli(["bulk", exportDir, "--live", roster, "--known-hosts", classKnownHosts, "--concurrency", "2", "--out", out], onGrader());
    const seconds = (Date.now() - started) / 1000;
    // Two rows are errors (labgrade could not reach them): exit 1, and those two are graded again next run.
    expect(bulk.exitCode, bulk.stderr).toBe(1);
    const { rows } = await readJournal(path.join(out, JOURNAL_FILE));
    expect([...rows.keys()].sort(), bulk.stderr).toEqual(["ann", "bob", "carol", "dan", "eve"]);
    const statuses = (id: string) => Object.fromEntries(rows.get(id)!.steps.filter((s) => ENGINE_STEPS.includes(s.id as EngineStepId)).map((s) => [s.id, s.status]));
    expect(rows.get("ann")!.status).toBe("graded");
    expect(statuses("ann")).toEqual(machines[0]!.walk.expected);
    expect(statuses("bob")).toEqual(machines[1]!.walk.expected);
    expect(statuses("carol")).toEqual(machines[0]!.walk.expected);
    // Each app from where the roster says: the export's Dockerfile for Ann, each machine's own for Bob and Carol.
    const build = (id: string) => rows.get(id)!.steps.find((s) => s.id === "pythonapp-build")!.message;
    expect(build("ann")).toContain("alpine:3.18");
    const bobStep = (id: string) => rows.get("bob")!.steps.find((s) => s.id === id)!;
    expect(bobStep("pythonapp-build").status, bobStep("pythonapp-build").message).toBe("passed");
    expect(bobStep("pythonapp-output").status, bobStep("pythonapp-output").message).toBe("failed");
    expect(bobStep("pythonapp-output").message).toContain("Hello from Docker!");
    expect(build("carol")).toContain("alpine:3.19-carol");
    for (const [id, why] of [["dan", `could not reach 127.0.0.1: nothing listens on port ${nobody}`], ["eve", `could not reach 127.0.0.1: the host key of [127.0.0.1]:${wrongKeyHost.port} has changed`]] as const) {
      expect(rows.get(id)!.status, id).toBe("error");
      expect(rows.get(id)!.score, id).toBeNull();
      expect(rows.get(id)!.reason, id).toContain(why);
      expect(bulk.stderr).toContain(`${id}: trying again (attempt 3) after a harness failure: ${why}`);
    }
    const gradebook = parse(await readFile(path.join(out, "gradebook.csv"), "utf8"), { columns: true, bom: true }) as Array<Record<string, string>>;
    expect(gradebook.map((r) => [r.student, r.status, r.total === "" ? "blank" : "a number"])).toEqual([
      ["ann", "graded", "a number"],
      ["bob", "graded", "a number"],
      ["carol", "graded", "a number"],
      ["dan", "error", "blank"],
      ["eve", "error", "blank"],
    ]);
    // Ann and Carol log in to one machine: the same containers, and the class report says so.
    expect(gradebook.find((r) => r.student === "ann")!.same_as).toContain("carol");
    expect(await Promise.all(machines.map((m) => engineHolds(m.engine.docker)))).toEqual(before);
    // Run again: every engine is read again; unchanged engines and hand-ins keep their rows, the errors are tried again.
    const again = await runCli(["bulk", exportDir, "--live", roster, "--known-hosts", classKnownHosts, "--concurrency", "2", "--out", out], onGrader());
    expect(again.exitCode, again.stderr).toBe(1);
    for (const id of ["ann", "bob", "carol"]) expect(again.stderr).toMatch(new RegExp(`${id}: \\d+/100 \\(journal\\)`));
    expect(again.stderr).toContain("dan: trying again (attempt 2)");
    // Bob fixes his container's name on his machine: the next run sees it, and only his row changes.
    await execa("docker", ["rename", "my-container", "mycontainer"], { env: { DOCKER_HOST: `unix://${machines[1]!.engine.socket}` } });
    const fixed = await runCli(["bulk", exportDir, "--live", roster, "--known-hosts", classKnownHosts, "--concurrency", "2", "--out", out], onGrader());
    expect(fixed.stderr).toMatch(/ann: \d+\/100 \(journal\)/);
    expect(fixed.stderr).not.toMatch(/bob: \d+\/100 \(journal\)/);
    const { rows: after } = await readJournal(path.join(out, JOURNAL_FILE));
    expect(after.get("bob")!.steps.find((step) => step.id === "mycontainer-created")!.status).toBe("passed");
    console.log(`bulk --live, 5 students (3 reachable) at --concurrency 2: ${seconds.toFixed(1)} s`);
  });
});

// What a grade must leave as it was: every container (id, name, state) and every image's id and tags.
async function engineHolds(docker: Dockerode) {
  const containers = (await docker.listContainers({ all: true })).map((c) => `${c.Id} ${c.Names.join(",")} ${c.State}`).sort();
  const images = (await docker.listImages({ all: true })).map((i) => `${i.Id} ${(i.RepoTags ?? []).sort().join(",")}`).sort();
  return { containers, images };
}

// hello-world from the machine's engine (docker save | docker load), else labgrade's substitute built with gcc;
// `python` stood in for by an image of its own built FROM it (the walk's build needs no Python).
async function labImages({ docker, socket }: ThrowawayEngine): Promise<void> {
  const saved = await execa("sh", ["-c", `docker save hello-world:latest | DOCKER_HOST=unix://${socket} docker load`], { env: { DOCKER_HOST: "unix:///var/run/docker.sock" }, reject: false, timeout: 120_000 });
  if (saved.exitCode !== 0) await buildHelloWorldSubstitute(docker, "hello-world:latest", silentProgress);
  const dir = await mkdtemp(path.join(os.tmpdir(), "labgrade-python-stand-in-"));
  try {
    await writeFile(path.join(dir, "Dockerfile"), "FROM hello-world\nLABEL org.labgrade.walk=python-stand-in\n");
    const outcome = await followStream(await docker.buildImage({ context: dir, src: ["Dockerfile"] }, { t: "python:latest", rm: true, forcerm: true }));
    if (outcome.error) throw new Error(`building the python stand-in failed: ${outcome.error}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

// The handout's commands, as the walk lists them, typed with the docker CLI against the engine.
async function doWalk(socket: string, walk: Walk, appDir: string): Promise<void> {
  await mkdir(appDir, { recursive: true });
  await writeFile(path.join(appDir, "Dockerfile"), 'FROM python\nCOPY . /app\nCMD ["/hello"]\n');
  await writeFile(path.join(appDir, "app.py"), "print(1)\n");
  const env = { DOCKER_HOST: `unix://${socket}`, DOCKER_BUILDKIT: "0" };
  for (const command of walk.commands) {
    const run = (args: string[]) => execa("docker", args, { env, cwd: command.in ? appDir : os.tmpdir(), reject: false, input: "", timeout: 120_000 });
    let result = await run(command.args);
    if (result.exitCode !== 0 && command.orElse) result = await run(command.orElse);
    if (result.exitCode !== 0 && !command.mayFail) throw new Error(`docker ${command.args.join(" ")} failed: ${result.stderr}`);
  }
}

async function until(ok: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await ok())) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
