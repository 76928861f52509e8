import { Command, CommanderError } from "commander";
import pc from "picocolors";
import { readConfig } from "../config.ts";
import { isHarnessError } from "../errors.ts";
import { dropOutputWhenClosed } from "./closed-pipe.ts";
import { cancelOnSignals } from "./cancel-on-signals.ts";
import { parseShard } from "../bulk/shard.ts";
import { bulkCommand } from "./bulk-command.ts";
import { cleanupCommand } from "./cleanup-command.ts";
import { mergeCommand } from "./merge-command.ts";
import { collectCommand } from "./collect-command.ts";
import { gradeCommand } from "./grade-command.ts";
import { gradescopeCommand } from "./gradescope-command.ts";
import { positiveInteger, positiveNumber } from "./parse-options.ts";
import { parseRequireEvidence, parseWindow, suspiciousPolicy } from "./trust-options.ts";
import { doctorCommand } from "./doctor-command.ts";
import { exportCommand } from "./export-command.ts";
import { canvasAssignment } from "./canvas-assignment-option.ts";
import { withLmsInputOptions } from "./lms-input-options.ts";
import { imagesCommand } from "./images-command.ts";
import { initCommand } from "./init-command.ts";
import { passedCommand } from "./passed-command.ts";
import { pushCommand } from "./push-command.ts";
import { watchCommand } from "./watch-command.ts";
import { wheelsCommand } from "./wheels-command.ts";
import { withLabOption } from "./lab-option.ts";
import { labsCommand } from "./labs-command.ts";
import { labCheckCommand } from "./lab-check-command.ts";
import { labNewCommand } from "./lab-new-command.ts";
import { labRecordCommand, withRecordOptions } from "./lab-record-command.ts";
import { version } from "../version.ts";

// The options every command that grades takes: the rubric and the sandbox's time and memory.
function withGradingOptions(command: Command, apps: "one" | "each"): Command {
  const app = apps === "one" ? "the app" : "each app";
  const dockerfile = apps === "one" ? "the Dockerfile" : "each Dockerfile";
  return withLabOption(command)
    .option("--rubric <file>", "a rubric file that changes points: {\"points\": {\"<step id>\": <points>}}")
    .option("--timeout <seconds>", `how long ${app} may run (default 60)`, positiveNumber("--timeout", "seconds"))
    .option("--memory <MiB>", `${app}'s memory and swap limit (default 512)`, positiveNumber("--memory", "MiB"))
    .option("--build-timeout <seconds>", `how long ${dockerfile} may take to build (default 300, or LABGRADE_BUILD_TIMEOUT_MS)`, positiveNumber("--build-timeout", "seconds"));
}

// The class's rules for evidence files, on every command that grades them (docs/trust.md).
function withTrustOptions(command: Command): Command {
  return command
    .option("--require-evidence <format>", "the least evidence format accepted: 2 makes a format-1 evidence.json (which holds none of the engine's documents) a reason to doubt it (default 1)", parseRequireEvidence)
    .option("--window <START..END>", "the assignment's dates (ISO, e.g. 2026-09-01..2026-09-14): evidence of work or collection outside them is a reason to doubt it", parseWindow);
}

// What a command that reads a class graded before takes (export, push): the LMS, the class's output folder, and how
// the class was graded.
function withGradedClass(command: Command, suspicious: string): Command {
  return command
    .argument("<lms>", "canvas or moodle")
    .argument("<dir>", "the class output folder (with journal.jsonl)")
    .option("--rubric <file>", "the rubric file the class was graded with (default: as its rows record it)")
    .option("--suspicious <keep|review|zero>", `as the class was graded with \`labgrade bulk --suspicious\`: ${suspicious}`, suspiciousPolicy);
}

/** Exit code when another labgrade process holds the output folder (or cache) this one would write. */
const EXIT_LOCKED = 3;

// The command line: parses flags, then hands over to one command. Returns the exit code.
export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  // A class run may be started detached and outlive its terminal; everything else stops with its parent.
  const cancellation = cancelOnSignals(process, { hangup: argv[2] !== "bulk" });
  dropOutputWhenClosed(process.stdout);
  const { program, exitCode } = labgradeProgram(env, cancellation.signal);
  try {
    await program.parseAsync(argv);
    return cancellation.exitCode() ?? exitCode();
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    const cancelledWith = cancellation.exitCode();
    if (cancelledWith !== undefined) return cancelledWith;
    if (isHarnessError(error)) {
      process.stderr.write(`${pc.red("labgrade could not finish:")} ${error.message}\n${error.hint ? `${error.hint}\n` : ""}`);
      // Distinct, so that a script can tell "another run is writing there" from a failed grade.
      return error.code === "LOCKED" ? EXIT_LOCKED : 1;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`${pc.red("labgrade could not finish (an internal error, not your fault):")} ${message}\n`);
    return 1;
  } finally {
    cancellation.dispose();
  }
}

// Every command and flag of the command line; the action that runs sets the exit code. Building it runs
// nothing, so tests read its commands and options (every command the docs show is checked against them).
export function labgradeProgram(env: NodeJS.ProcessEnv, signal: AbortSignal): { program: Command; exitCode: () => number } {
  let code = 0;
  const config = () => readConfig(env);
  const program = new Command()
    .name("labgrade")
    .description("Grades Docker labs (the Docker installation lab, or any lab file) on a student's own engine, in bulk, or in CI.")
    .version(version())
    .exitOverride()
    .showHelpAfterError();
  const engineFlags: { url?: string; none?: boolean } = {};
  withTrustOptions(withGradingOptions(program.command("grade"), "one"))
    .description("Grade one submission folder of a lab (default: LAB_SUBMISSION, else ./submission when present, else the lab's reference hand-in) and write its reports. Exit 0 when every step was judged, whatever the score; 1 when labgrade could not grade or could not judge a step.")
    .argument("[dir]", "the submission folder: the lab's files (app.py and Dockerfile …), directly or in one subfolder")
    .option("--evidence <live|file>", "grade the engine live, or from an evidence.json (default: the folder's evidence.json when it has one, else live; `carried`: the folder's evidence.json only, none fails the engine steps)")
    .option("--out <dir>", "where to write junit.xml, results.json and report.html (default: reports/<name>/)")
    .option("--json", "print results.json (Gradescope's format) instead of the table")
    .option("--engine <ssh://user@host[:port]>", "read the engine steps live from the student's engine over SSH (also DOCKER_HOST=ssh://…): only read, never changed; the app is built on this machine's own engine")
    .option("--identity <file>", "with --engine ssh://…: the private key to log in with (default: ssh-agent's keys, then ~/.ssh/id_ed25519, id_ecdsa, id_rsa)")
    .option("--known-hosts <file>", "with --engine ssh://…: the known_hosts file the host key is checked against (default ~/.ssh/known_hosts)")
    .option("--accept-new-hosts", "with --engine ssh://…: trust a host known_hosts does not list yet, and add it there (a changed key is always refused)")
    .option("--no-engine", "grade without a Docker engine (also what happens when none answers): the app is built in a python venv holding what its Dockerfile installs with pip (from `labgrade wheels`) and run on this machine under limits; engine steps come from the evidence file, else are not judged here")
    .option("--gradescope-results <file>", "also write Gradescope's results.json to this file (the autograder's /autograder/results/results.json)")
    .option("--gradescope-visibility <when>", "visibility of the tests and of stdout in Gradescope's results.json: visible, after_due_date, after_published or hidden (default visible)")
    // `--engine URL` and `--no-engine` share commander's `engine` key, where the last one given wins: each is heard on its own.
    .on("option:engine", (url: string) => (engineFlags.url = url))
    .on("option:no-engine", () => (engineFlags.none = true))
    .action(async (dir, opts) => void (code = await gradeCommand(dir, { ...opts, engine: !engineFlags.none, ...(engineFlags.url ? { engineUrl: engineFlags.url } : {}) }, config(), env, signal)));
  withLmsInputOptions(withTrustOptions(withGradingOptions(program.command("bulk"), "each")))
    .description("Grade a whole class: PATH is a folder or an LMS export zip (Canvas, Moodle, Gradescope, GitHub Classroom clones, or one entry per student). Each student is judged from the evidence.json they handed in (with --live, from their own engine read over SSH), never from this machine's engine; their app is built and run in the sandbox. Writes each student's reports, gradebook.csv, summary.html and junit.xml, and a journal: run the same command with the same --out to go on after a crash or Ctrl-C. Exit 0 when every row was judged; 1 when any row is an error.")
    .argument("[path]", "the class: a folder or an export zip, one entry per student (a folder, a zip, or an LMS's flat files); optional with --live when the roster names each student's folder")
    .option("--live <roster.csv>", "read each roster student's engine live over SSH instead of their evidence.json (columns student,name,host and optionally user,port,identity,folder); the app comes from the export, or from `folder` on their machine; an unreachable machine is an error row, never zero")
    .option("--known-hosts <file>", "with --live: the known_hosts file host keys are checked against (default ~/.ssh/known_hosts)")
    .option("--accept-new-hosts", "with --live: trust hosts known_hosts does not list yet, and add them there (a changed key is always refused)")
    .option("--out <dir>", "the output folder, and where the journal is kept (default: reports/bulk-<timestamp>/)")
    .option("--concurrency <n>", "how many submissions to grade at once (default: from cores and memory)", positiveInteger("--concurrency"))
    .option("--force", "grade every student again, whatever the journal holds")
    .option("--shard <K/N>", "grade only the K-th of N stable slices of the class (combine the slices with `labgrade merge`)", parseShard)
    .option("--max-size <MB>", "the most a student's hand-in may hold once unpacked (default 200)", positiveNumber("--max-size", "MB"))
    .option("--canvas-assignment <column>", "also write canvas-grades.csv and canvas-feedback.zip for this Canvas assignment, named as Canvas's gradebook export names its column: \"<title> (<assignment id>)\" (a Moodle export gets moodle-grades.csv and moodle-feedback.zip without asking)", canvasAssignment)
    .option("--compare <dir>", "an earlier --out folder of this class: changes.csv and summary.html list whose grade moved and why, grades that went down first (a rerun with --force compares with the folder's own previous grading)")
    .option("--wait", "when another labgrade run is writing to the same --out folder, wait for it to finish (default: refuse, exit 3)")
    .option("--suspicious <keep|review|zero>", "what a student's row shows when their evidence is suspicious: keep the points as judged and flag the row (default), review (hold the engine steps: their cells empty, no total, status review), or zero (the engine steps count 0); the journal keeps the verdicts as judged either way", suspiciousPolicy)
    .option("--force-unlock", "take the --out folder's lock even when a run on another host holds it (only once that run is over)")
    .action(async (exportPath, opts) => void (code = await bulkCommand(exportPath, opts, config(), env, signal)));
  withGradedClass(withLmsInputOptions(withLabOption(program.command("export"))), "review leaves a row with suspicious evidence out of the grade import, zero gives its engine steps 0 (default keep: the points as judged)")
    .description("Write an LMS's own import files from a class graded before (a `labgrade bulk --out` folder), into that folder. canvas: canvas-grades.csv (gradebook import) and canvas-feedback.zip (Re-Upload Submissions); moodle: moodle-grades.csv (grading worksheet) and moodle-feedback.zip (feedback files in a zip). Exit 0 when every file was written.")
    .option("--assignment <column>", "canvas: the assignment's column as Canvas's gradebook export names it, \"<title> (<assignment id>)\"", canvasAssignment)
    .action(async (lms, dir, opts) => void (code = await exportCommand(lms, dir, opts)));
  withGradedClass(withLabOption(program.command("push")), "review pushes no grade for a row with suspicious evidence, zero gives its engine steps 0 (default keep)")
    .description("Put the grades of a class graded before (a `labgrade bulk --out` folder) in Canvas or Moodle through its API, each with the student's feedback as a comment and their report attached. Without --yes, a dry run: each student's grade in the LMS now, labgrade's, the difference, and what would happen; a grade changed in the LMS since labgrade graded it is left alone unless --force. The token comes from CANVAS_TOKEN or MOODLE_TOKEN and is never written anywhere. A push stopped halfway goes on where it stopped (push-canvas.jsonl, push-moodle.jsonl in the folder). Exit 0 when the dry run was shown or every grade pushed was taken; 1 when one was not.")
    .requiredOption("--url <address>", "the LMS's https address: https://canvas.example.edu, or Moodle's up to its folder (https://lms.example.edu/moodle)")
    .requiredOption("--course <id>", "the course id, from its address: Canvas …/courses/<id>, Moodle course/view.php?id=<id>")
    .requiredOption("--assignment <id>", "the assignment, from its address: Canvas …/assignments/<id>, Moodle mod/assign/view.php?id=<id>")
    .option("--yes", "push the grades (default: a dry run, which only reads the LMS)")
    .option("--force", "replace grades changed in the LMS since labgrade graded (or last pushed) them (default: leave them alone)")
    .option("--scale", "when the LMS's maximum is not the rubric's total, push each grade scaled to it, rounded as the LMS shows grades (default: refuse)")
    .option("--batch-size <n>", "grades per request (default 50)", positiveInteger("--batch-size"))
    .action(async (lms, dir, opts) => void (code = await pushCommand(lms, dir, opts, env, signal)));
  withLabOption(program.command("merge"))
    .description("Combine the output folders of `labgrade bulk --shard K/N` runs into one gradebook, summary and junit.xml.")
    .argument("<dirs...>", "the --out folders of the shards")
    .requiredOption("--out <dir>", "where to write the merged class")
    .option("--rubric <file>", "the rubric file the shards were graded with (default: as their rows record it)")
    .option("--wait", "when another labgrade run is writing to the --out folder, wait for it to finish (default: refuse, exit 3)")
    .option("--suspicious <keep|review|zero>", "as the shards were graded with `labgrade bulk --suspicious` (default keep)", suspiciousPolicy)
    .option("--force-unlock", "take the --out folder's lock even when a run on another host holds it")
    .action(async (dirs, opts) => void (code = await mergeCommand(dirs, opts, signal)));
  withGradingOptions(program.command("watch"), "one")
    .description("Follow the lab live: a checklist that ticks each step as you run the handout's commands and edit your app (app.py, Dockerfile, .dockerignore: built and run again once they settle). Full screen on a terminal; one JSON object per change otherwise or with --json-lines. Reads only: your containers, images and folder are left as they are. Ctrl-C to stop.")
    .argument("[dir]", "your lab folder: app.py and Dockerfile, directly or in one subfolder (default: LAB_SUBMISSION, else ./submission when present, else the bundled reference)")
    .option("--json-lines", "print one JSON object per change ({at, changed, steps, score, max}) even on a terminal")
    .option("--once", "judge once, print the table and exit (the app is not built again when its folder has not changed since it was last judged)")
    .action(async (dir, opts) => void (code = await watchCommand(dir, opts, config(), env, signal)));
  withLabOption(program.command("init"))
    .description("Set up a GitHub Classroom template repository for a lab: --github writes .github/workflows/labgrade.yml into DIR (never over an existing one without --force); a lab file of the course's own is copied into .github/labgrade-lab.")
    .argument("[dir]", "the template repository's folder", ".")
    .option("--github", "write the GitHub Classroom / Actions workflow")
    .option("--force", "replace an existing workflow")
    .option("--labgrade-repo <owner/name>", "the GitHub repository the workflow installs labgrade from")
    .option("--labgrade-ref <ref>", "the tag or branch of it that grades")
    .option("--rubric <file>", "a rubric file: the points each step's command grader gives (default: the lab's)")
    .action(async (dir, opts) => void (code = await initCommand(dir, opts)));
  program
    .command("passed")
    .description("Exit 0 when STEP passed in a grade's results.json, 1 when it did not. It grades nothing: GitHub Classroom's command grader runs it once a step.")
    .argument("<step>", "a rubric step id, e.g. pythonapp-output")
    .requiredOption("--results <file>", "the results.json `labgrade grade --out DIR` wrote")
    .action(async (step, opts) => void (code = await passedCommand(step, opts)));
  withTrustOptions(withLabOption(program.command("gradescope")))
    .description("Write the Gradescope autograder zip of a lab (setup.sh, run_autograder, labgrade and the lab): Gradescope's containers have no Docker engine, so each hand-in (the lab folder with evidence.json) is graded without one, the app run in a python venv under limits, its plot shown in the results.")
    .requiredOption("--out <file>", "the zip to write, e.g. autograder.zip")
    .option("--wheels <dir>", "a wheel cache to ship in the zip (made with `labgrade wheels --python` for Gradescope's python); setup.sh checks it there and makes its own when it does not load")
    .option("--visibility <when>", "when students see the tests and labgrade's output: visible, after_due_date, after_published or hidden (default visible)")
    .option("--timeout <seconds>", "how long each app may run (default 60)", positiveNumber("--timeout", "seconds"))
    .option("--memory <MiB>", "each app's memory limit (default 512)", positiveNumber("--memory", "MiB"))
    .action(async (opts) => void (code = await gradescopeCommand(opts)));
  program
    .command("wheels")
    .description("Prepare the wheel cache that grading without an engine installs a Dockerfile's pip packages from (numpy, matplotlib and their dependencies), checked in a fresh venv of the python that will run the apps.")
    .option("--from <source>", "auto (default: image, then system, then registry), image (the offline python image's wheels, through the engine), system (the distribution's python3-numpy and python3-matplotlib), registry (pip download), or folder (wheels made elsewhere: --folder)")
    .option("--folder <dir>", "the wheels for --from folder")
    .option("--python <path>", "the python the apps will run with (default: LABGRADE_PYTHON, else /usr/bin/python3, else python3)")
    .option("--dir <dir>", "where to keep it (default: LABGRADE_WHEELS, else ~/.cache/labgrade/wheels)")
    .option("--force", "make it again even when one for this python is there")
    .action(async (opts) => void (code = await wheelsCommand(opts, config(), env)));
  withLabOption(program.command("collect"))
    .description("Write the engine's containers, images, volumes, networks and versions to an evidence file, to be graded later (the output of the containers every shipped lab reads, and --lab's).")
    .option("-o, --output <file>", "the file to write", "evidence.json")
    .action(async (opts) => void (code = await collectCommand(opts, config(), env)));
  withLabOption(program.command("doctor"))
    .description("Check the docker CLI, the engine, the lab's images and the registry; say how to fix what is missing. Exit 0 when ready to grade.")
    .option("--json", "print the findings as JSON")
    .action(async (opts) => void (code = await doctorCommand(opts, config(), process.stdout, env)));
  withLabOption(program.command("images"))
    .description("Make sure the images a lab's commands use exist (every shipped lab's without --lab; hello-world:latest and python:latest for the Docker installation lab): restore, pull, or build offline substitutes.")
    .option("--offline", "build the offline substitutes even when a registry answers (also LABGRADE_OFFLINE=1)")
    .option("--private", "make only labgrade's private copies, leaving your own tags (hello-world, python …) as they are (use this after the lab)")
    .action(async (opts) => void (code = await imagesCommand(opts, config(), process.stdout, env)));
  program
    .command("labs")
    .description("List the labs labgrade ships: id, title, steps and points.")
    .option("--json", "print them as JSON")
    .action(async (opts) => void (code = await labsCommand(opts)));
  const lab = program.command("lab").description("Write and check a lab of your own (docs/authoring.md).");
  lab
    .command("check")
    .description("Check a lab file: its fields against the schema, then its steps against the walks recorded for it (walks/*/evidence.json with expected.json beside the lab file) and, with --fixtures, its hand-ins graded end to end. Exit 0 when the file is valid and every verdict is as expected.")
    .argument("<lab>", "the lab file, the folder holding its lab.yaml, or a shipped lab's id")
    .option("--fixtures", "also grade each hand-in under fixtures/ (and reference/) against its expected.json; this builds and runs apps on the engine")
    .action(async (file, opts) => void (code = await labCheckCommand(file, opts, config(), env, signal)));
  lab
    .command("new")
    .description("Write a new lab's folder: lab.yaml with a step of each common kind, a handout, walks.yaml and a reference folder to fill in. Never over an existing one.")
    .argument("<dir>", "the folder to create; its name is the lab's id")
    .option("--title <title>", "the lab's title")
    .action(async (dir, opts) => void (code = await labNewCommand(dir, opts)));
  withRecordOptions(lab.command("record"))
    .description("Record a lab's walks: walk each walks.yaml (the handout's commands as a student types them) with the docker CLI on an engine that holds nothing else, collect the evidence each walk leaves, and judge it against the verdicts the walk expects. Everything a walk made is removed afterwards and the lab images' tags are put back. Exit 0 when every walk gave the verdicts it expects, 1 when one did not.")
    .action(async (labs, opts, command) => void (code = await labRecordCommand(labs, opts, command, config(), signal)));
  program
    .command("cleanup")
    .description("Remove the containers, images, networks and volumes that crashed labgrade runs left behind (only those carrying labgrade's labels), and their build layers, build-cache records, temporary folders and build cgroups; says how many of each it removed.")
    .action(async () => void (code = await cleanupCommand(config())));
  return { program, exitCode: () => code };
}
