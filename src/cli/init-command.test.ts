import { existsSync } from "node:fs";
import { cp, mkdtemp, readdir, readFile, rm, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { DEFAULT_STEPS, handoutLab } from "../../testing/lab/lab-steps.ts";
import { runCli } from "../../testing/run-cli.ts";
import { loadLab } from "../labfile/index.ts";
import { AUTHORED_LAB } from "../../testing/lab/authored-lab.ts";
import { customizeWorkflow, GITHUB_TEMPLATE, GITHUB_WORKFLOW, initCommand, REPOSITORY_LAB } from "./init-command.ts";

interface Step {
  name?: string;
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  with?: Record<string, string | number | boolean>;
  env?: Record<string, string>;
}

const template = await readFile(GITHUB_TEMPLATE, "utf8");
const HANDOUT = { lab: handoutLab, ref: "docker-install" };
const text = customizeWorkflow(template, {}, DEFAULT_STEPS, HANDOUT);
const workflow = parse(text) as { name: string; on: string[]; permissions: Record<string, string>; env: Record<string, string>; jobs: Record<string, { steps: Step[] }> };
const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
const DOC = fileURLToPath(new URL("../../docs/github-classroom.md", import.meta.url));

// Every `labgrade …` command the workflow runs (`run:` scripts and the command graders' `command:`) or tells a
// student to run (`npx labgrade …` in a message).
function labgradeCommands(): string[][] {
  const scripts = steps.flatMap((s) => [s.run, s.with?.command]).filter((c): c is string => typeof c === "string");
  return scripts
    .flatMap((script) => script.split(/\n|&&|;|\|/))
    .map((line) => line.trim().split(/\s+/))
    .map((words) => {
      const at = words[0] === "labgrade" ? 0 : words.findIndex((w, i) => w === "labgrade" && words[i - 1] === "npx");
      return at < 0 ? [] : words.slice(at);
    })
    .filter((words) => words[0] === "labgrade");
}

// The inputs of the actions at the pinned versions (their action.yml), so a misspelt input fails here, not in a class.
const INPUTS: Record<string, string[]> = {
  "actions/checkout": ["repository", "ref", "token", "path", "fetch-depth"],
  "actions/setup-node": ["node-version", "node-version-file", "cache", "registry-url"],
  "actions/upload-artifact": ["name", "path", "if-no-files-found", "retention-days", "compression-level", "overwrite", "include-hidden-files", "archive"],
  "mikepenz/action-junit-report": ["report_paths", "token", "check_name", "check_title_template", "include_passed", "detailed_summary", "annotate_only", "fail_on_failure", "job_summary", "test_files_prefix"],
  "classroom-resources/autograding-command-grader": ["test-name", "setup-command", "command", "timeout", "max-score"],
  "classroom-resources/autograding-grading-reporter": ["runners", "token"],
};

describe("the GitHub Classroom workflow (templates/github)", () => {
  it("runs only labgrade commands and flags that exist", async () => {
    const commands = labgradeCommands();
    expect(new Set(commands.map((c) => c[1]))).toEqual(new Set(["images", "grade", "passed", "collect"]));
    const bySubcommand = new Map<string, string[][]>();
    for (const words of commands) bySubcommand.set(words[1] ?? "", [...(bySubcommand.get(words[1] ?? "") ?? []), words]);
    await Promise.all(
      [...bySubcommand].map(async ([sub, uses]) => {
        const help = await runCli([sub, "--help"]);
        expect(help.exitCode, `labgrade ${sub} --help`).toBe(0);
        expect(help.stdout, `labgrade ${sub} is a subcommand`).toMatch(new RegExp(`^Usage: labgrade ${sub}\\b`));
        for (const flag of uses.flatMap((words) => words.filter((w) => w.startsWith("--")))) expect(help.stdout, `labgrade ${sub} ${flag}`).toContain(`${flag} `);
      }),
    );
  }, 60_000);

  it("pins every action to a commit, with its version beside it, and uses only inputs the action has", () => {
    const used = steps.filter((s) => s.uses);
    expect(used.length).toBeGreaterThan(5);
    for (const step of used) {
      const [action = "", sha] = (step.uses ?? "").split("@");
      expect(sha, step.uses).toMatch(/^[0-9a-f]{40}$/);
      expect(text).toMatch(new RegExp(`uses: ${action}@${sha} # v\\d+(\\.\\d+)*\\n`));
      expect(INPUTS[action], `inputs of ${action}`).toBeDefined();
      for (const input of Object.keys(step.with ?? {})) expect(INPUTS[action], `${action} input ${input}`).toContain(input);
    }
  });

  it("gives each rubric step its points through one command grader, and reports them all", () => {
    const graders = steps.filter((s) => s.uses?.startsWith("classroom-resources/autograding-command-grader@"));
    expect(graders.map((s) => [s.id, s.with?.["max-score"]])).toEqual(DEFAULT_STEPS.map((s) => [s.id, s.points]));
    for (const grader of graders) {
      expect(grader.with?.command).toBe(`labgrade passed ${grader.id} --results labgrade-report/results.json`);
      expect(grader.if).toBe("${{ !cancelled() }}");
    }
    const reporter = steps.find((s) => s.uses?.startsWith("classroom-resources/autograding-grading-reporter@"));
    expect(reporter?.with?.runners).toBe(DEFAULT_STEPS.map((s) => s.id).join(","));
    // The reporter reads `${RUNNER.toUpperCase()}_RESULTS`, base64 JSON from each grader's `result` output.
    expect(reporter?.env).toEqual(Object.fromEntries(DEFAULT_STEPS.map((s) => [`${s.id.toUpperCase()}_RESULTS`, `\${{ steps.${s.id}.outputs.result }}`])));
    expect(steps.at(-1)).toBe(reporter);
    expect(reporter?.if).toBe("${{ !cancelled() }}");
  });

  it("grades the repository with its evidence.json, then publishes the reports it wrote", () => {
    const grade = labgradeCommands().find((c) => c[1] === "grade");
    expect(grade).toEqual(["labgrade", "grade", ".", "--lab", '"$LABGRADE_LAB"', "--evidence", "evidence.json", "--out", "labgrade-report"]);
    expect(labgradeCommands().find((c) => c[1] === "images")).toEqual(["labgrade", "images", "--lab", '"$LABGRADE_LAB"']);
    const junit = steps.find((s) => s.uses?.startsWith("mikepenz/action-junit-report@"));
    expect(junit?.with).toMatchObject({ report_paths: "labgrade-report/junit.xml", detailed_summary: true });
    expect(steps.find((s) => s.uses?.startsWith("actions/upload-artifact@"))?.with).toMatchObject({ path: "labgrade-report/" });
    expect(steps.find((s) => s.uses?.startsWith("actions/setup-node@"))?.with).toEqual({ "node-version": 20 });
    expect(workflow.permissions).toEqual({ checks: "write", actions: "read", contents: "read" });
  });

  it("is linked from docs/github-classroom.md, not copied there (a copy would go stale)", async () => {
    const doc = await readFile(DOC, "utf8");
    const links = [...doc.matchAll(/\]\(([^)#\s]+)\)/g)].map((m) => path.resolve(path.dirname(DOC), m[1] ?? ""));
    expect(links).toContain(GITHUB_TEMPLATE);
    expect(doc).not.toContain("autograding-command-grader@");
  });
});

describe("labgrade init --github", () => {
  const dirs: string[] = [];
  const repo = async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "labgrade-init-"));
    dirs.push(dir);
    return dir;
  };
  const quiet = { write: () => true } as unknown as NodeJS.WritableStream;
  afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  it("writes the workflow into the repository, with the course's labgrade", async () => {
    const dir = await repo();
    expect(await initCommand(dir, { github: true, labgradeRepo: "acme/labgrade", labgradeRef: "v0.1.0" }, quiet)).toBe(0);
    const written = await readFile(path.join(dir, GITHUB_WORKFLOW), "utf8");
    expect(written).toBe(text.replace("LABGRADE_REPOSITORY: your-course/labgrade", "LABGRADE_REPOSITORY: acme/labgrade").replace("LABGRADE_REF: main", "LABGRADE_REF: v0.1.0"));
  });

  it("refuses to overwrite a workflow unless told to", async () => {
    const dir = await repo();
    await mkdir(path.join(dir, ".github", "workflows"), { recursive: true });
    await writeFile(path.join(dir, GITHUB_WORKFLOW), "mine\n");
    await expect(initCommand(dir, { github: true }, quiet)).rejects.toMatchObject({ code: "BAD_INPUT", message: expect.stringContaining("exists; labgrade leaves it as it is"), hint: expect.stringContaining("--force") });
    expect(await readFile(path.join(dir, GITHUB_WORKFLOW), "utf8")).toBe("mine\n");
    expect(await initCommand(dir, { github: true, force: true }, quiet)).toBe(0);
    expect(await readFile(path.join(dir, GITHUB_WORKFLOW), "utf8")).toBe(text);
  });

  it("asks for --github and an existing folder, and refuses a repository or ref a shell would misread", async () => {
    await expect(initCommand(await repo(), {}, quiet)).rejects.toMatchObject({ message: expect.stringContaining("Expected --github") });
    await expect(initCommand("/nonexistent/labgrade-repo", { github: true }, quiet)).rejects.toMatchObject({ message: expect.stringContaining("Expected a repository folder") });
    expect(() => customizeWorkflow(text, { labgradeRepo: "acme/labgrade; rm -rf ~" }, DEFAULT_STEPS, HANDOUT)).toThrow(/owner\/name/);
    expect(() => customizeWorkflow(text, { labgradeRef: "$(whoami)" }, DEFAULT_STEPS, HANDOUT)).toThrow(/tag or branch/);
    expect(customizeWorkflow(text, {}, DEFAULT_STEPS, HANDOUT)).toBe(text);
  });

  it("writes one command grader per step of the lab, with a rubric's points and a title a YAML string holds", async () => {
    const dir = await repo();
    const rubric = path.join(dir, "rubric.json");
    await writeFile(rubric, JSON.stringify({ points: { "pythonapp-output": 20, "python-image-removed": 0 } }));
    await initCommand(dir, { github: true, rubric }, quiet);
    const written = parse(await readFile(path.join(dir, GITHUB_WORKFLOW), "utf8")) as typeof workflow;
    const graders = Object.values(written.jobs).flatMap((job) => job.steps).filter((s) => s.uses?.startsWith("classroom-resources/autograding-command-grader@"));
    expect(graders.map((s) => [s.id, s.with?.["max-score"]])).toEqual(DEFAULT_STEPS.map((s) => [s.id, s.id === "pythonapp-output" ? 20 : s.id === "python-image-removed" ? 0 : s.points]));
    const odd = customizeWorkflow(template, {}, [{ id: "docker-engine", kind: "engine", points: 1, title: 'An "engine" \\ answers' }], HANDOUT);
    expect((parse(odd) as typeof workflow).jobs).toBeDefined();
    expect(odd).toContain('test-name: "docker-engine: An \\"engine\\" \\\\ answers"');
  });

  it("grades a shipped lab by its id, and copies a lab of the course's own into the repository, able to grade there", async () => {
    const shipped = await repo();
    await initCommand(shipped, { github: true, lab: "docker-compose" }, quiet);
    const compose = parse(await readFile(path.join(shipped, GITHUB_WORKFLOW), "utf8")) as typeof workflow;
    expect(compose.env.LABGRADE_LAB).toBe("docker-compose");
    const composeLab = await loadLab("docker-compose");
    const graders = Object.values(compose.jobs).flatMap((job) => job.steps).filter((s) => s.uses?.startsWith("classroom-resources/autograding-command-grader@"));
    expect(graders.map((s) => s.id)).toEqual(composeLab.steps.map((s) => s.id));
    expect(existsSync(path.join(shipped, REPOSITORY_LAB))).toBe(false);

    const own = await repo();
    await initCommand(own, { github: true, lab: AUTHORED_LAB }, quiet);
    const written = parse(await readFile(path.join(own, GITHUB_WORKFLOW), "utf8")) as typeof workflow;
    expect(written.env.LABGRADE_LAB).toBe(REPOSITORY_LAB);
    const copied = await loadLab(path.join(own, REPOSITORY_LAB));
    expect([copied.id, copied.digest]).toEqual([(await loadLab(AUTHORED_LAB)).id, (await loadLab(AUTHORED_LAB)).digest]);
    expect(existsSync(path.join(own, REPOSITORY_LAB, "walks"))).toBe(false);
    expect(existsSync(path.join(own, REPOSITORY_LAB, "fixtures"))).toBe(false);
  });

  it("copies a lab whose file is at the top of the repository, and only what the lab names", async () => {
    const dir = await repo();
    await cp(AUTHORED_LAB, dir, { recursive: true });
    await writeFile(path.join(dir, "notes.txt"), "the course's own notes\n");
    expect(await initCommand(dir, { github: true, lab: path.join(dir, "lab.yaml") }, quiet)).toBe(0);
    const copied = await loadLab(path.join(dir, REPOSITORY_LAB));
    expect(copied.digest).toBe((await loadLab(AUTHORED_LAB)).digest);
    expect((await readdir(path.join(dir, REPOSITORY_LAB), { recursive: true })).sort()).toEqual(["handout.md", "lab.yaml", "reference", "reference/Dockerfile", "reference/app.py"]);
  });
});
