import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { HarnessError } from "../errors.ts";
import { fileURLToPath } from "node:url";
import { LAB_FILE, LAB_SCHEMA_FILE } from "../labfile/index.ts";
import { collectCommandFor } from "./collect-line.ts";

// `labgrade lab new DIR`: a lab's folder to fill in, valid as written (`labgrade lab check DIR` passes on it once its
// walks are recorded). Never over an existing folder.
export async function labNewCommand(dir: string, options: { title?: string }, out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const root = path.resolve(dir);
  const id = path.basename(root);
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id)) throw new HarnessError("BAD_INPUT", `Expected the folder's name to be the lab's id (lowercase letters and digits, words joined by hyphens); found "${id}".`, "Name the folder as the lab's id: `labgrade lab new labs/docker-networks`.");
  await mkdir(path.dirname(root), { recursive: true });
  await mkdir(root).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "EEXIST") throw new HarnessError("BAD_INPUT", `${root} exists; labgrade writes a new lab only into a new folder.`, "Pick another folder, or edit the lab that is there.");
    throw error;
  });
  const title = options.title ?? id.replace(/-/g, " ");
  const files: Record<string, string> = {
    [LAB_FILE]: labYaml(id, title, schemaPath(root)),
    "handout.md": `# ${title}\n\nWhat students do, step by step, with the commands they type.\n\n1. Run a container named \`greeter\` from hello-world: \`docker run --name greeter hello-world\`.\n2. Write \`app.py\` and a \`Dockerfile\` (in \`reference/\` for the lab's own solution), and build it: \`docker build -t myapp .\`.\n3. Hand in the folder with \`evidence.json\`: \`${collectCommandFor(`path/to/${id}`)}\` (\`path/to/${id}\`: where you keep this lab's folder).\n`,
    "walks.yaml": walksYaml(),
    "reference/app.py": 'print("hello from the app")\n',
    "reference/Dockerfile": 'FROM python\nWORKDIR /app\nCOPY . /app\nCMD ["python", "app.py"]\n',
    "reference/expected.json": `${JSON.stringify({ description: "The lab's own solution.", evidence: "full-walk", steps: { "engine-answers": "passed", "greeter-ran": "passed", "dockerfile": "passed", "builds": "passed", "prints": "passed", "image-built": "passed" } }, null, 2)}\n`,
  };
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, name)), { recursive: true });
    await writeFile(path.join(root, name), text, { flag: "wx" });
  }
  out.write(`Wrote the lab ${id} in ${root}: ${Object.keys(files).join(", ")}.\n${nextSteps(shellWord(dir))}`);
  return 0;
}

// What to do next, as the commands to type: check the file, save the lab's images for the recorder's engine (which
// has no network), record the walks into the lab's folder, then check the walks and grade the reference.
export function nextSteps(dir: string): string {
  return [
    "Next:",
    "  1. Edit lab.yaml and handout.md (docs/authoring.md has every kind of step), and write the handout's commands into walks.yaml.",
    `  2. npx labgrade lab check ${dir}   # the lab file alone`,
    `  3. npx labgrade images --lab ${dir}   # the lab's images, on this machine's engine`,
    `  4. sudo npx labgrade lab record ${dir} --throwaway --copy-images --update-fixtures   # walks.yaml, on an engine of its own`,
    `  5. npx labgrade lab check ${dir} --fixtures   # the recorded walks, and reference/ graded end to end`,
    "",
  ].join("\n");
}

// A path as a shell word: quoted when it holds anything but plain characters.
const shellWord = (word: string) => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, "'\\''")}'`);

// The schema labgrade holds lab files to, as a path from the lab's folder: an editor's YAML language server reads it
// from there (labgrade's own copy, so it is always the version that grades the lab).
function schemaPath(root: string): string {
  return path.relative(root, fileURLToPath(LAB_SCHEMA_FILE)).split(path.sep).join("/");
}

function labYaml(id: string, title: string, schema: string): string {
  return `# yaml-language-server: $schema=${schema}
# A labgrade lab (docs/authoring.md). Step ids are kept in journals and rubric files: choose them once.
schema: labgrade.lab/1
id: ${id}
title: ${JSON.stringify(title)}
handout: handout.md
# The images the handout's commands use: \`labgrade images --lab ${id}\` pulls them (or builds its offline stand-ins).
images: [hello-world, python]

# The app the hand-in holds: built from its Dockerfile on labgrade's copy of \`base\`, run in a sandbox.
app:
  tag: myapp
  base: python
  script: app.py
  handout_files: [reference/app.py, reference/Dockerfile]

steps:
  - id: engine-answers
    title: Docker answers
    points: 10
    expect:
      engine: {}

  - id: greeter-ran
    title: greeter ran hello-world to its greeting
    points: 20
    expect:
      container:
        name: greeter
        image: hello-world
        exit_code: 0
        logs: { contains: "Hello from Docker!" }
        run: docker run --name greeter hello-world

  - id: dockerfile
    title: "The Dockerfile: FROM python, copies the app, runs it"
    points: 10
    expect:
      dockerfile:
        from: python
        copies_app: true
        command: true

  - id: builds
    title: The Dockerfile builds
    points: 20
    expect:
      build: {}

  - id: prints
    title: The app prints its greeting and exits 0
    points: 20
    hint: "Print the greeting with print(\\"hello from the app\\")."
    expect:
      run:
        exit_code: 0
        stdout: { contains: hello from the app }

  - id: image-built
    title: An image tagged myapp exists
    points: 20
    expect:
      image:
        tag: myapp
`;
}

function walksYaml(): string {
  return `# The handout's commands as a student types them, walked with the docker CLI on a throwaway engine by
# \`labgrade lab record DIR --throwaway --copy-images --update-fixtures\`, which writes
# walks/<name>/evidence.json and expected.json (\`labgrade lab record --help\` says every option).
# A command is a line, or {run, in, or, may_fail}: \`in: reference\` runs it in that folder of the lab's, \`or\` is
# tried when it fails, \`may_fail\` lets the walk go on. A list inside the list (a YAML alias) is spliced in.
x-greet: &greet
  - docker run --name greeter hello-world
x-build: &build
  - { run: docker build -t myapp ., in: reference }

walks:
  - name: full-walk
    description: Every command of the handout, in order.
    commands: [*greet, *build]
    expect: { all: passed }
  - name: no-image
    description: The app never built.
    commands: [*greet]
    expect: { all: passed, image-built: failed }
`;
}
