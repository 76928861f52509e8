import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { writeTree, zipBytes } from "./intake-fixtures.ts";

// Class exports as each LMS writes them, small enough to read: every student hands in app.py + Dockerfile.

export const APP = 'print("hello from the lab")\n';
export const DOCKERFILE = 'FROM python:3.12-slim\nCOPY app.py .\nCMD ["python", "app.py"]\n';

// Canvas "Download submissions": flat files only. John on time; Jane late, with a re-uploaded app.py;
// José uploaded a zip of his folder, whose name is not ASCII, with macOS clutter in it.
export async function canvasExportZip(root: string, overrides: Record<string, string | Buffer> = {}): Promise<string> {
  const joseFolder = await zipBytes({
    "Práctica Docker/app.py": APP,
    "Práctica Docker/Dockerfile": DOCKERFILE,
    "__MACOSX/Práctica Docker/._app.py": "\u0000\u0005\u0016\u0007 resource fork",
  });
  const file = join(root, "cs101-docker-lab submissions.zip");
  await writeFile(
    file,
    await zipBytes({
      "doejohn_12345_67890_app.py": APP,
      "doejohn_12345_67891_Dockerfile": DOCKERFILE,
      "smithjane_LATE_2222_3333_app-1.py": APP,
      "smithjane_2222_3334_Dockerfile": DOCKERFILE,
      "núñezjosé_4242_5151_lab.zip": joseFolder,
      ".DS_Store": "junk",
      ...overrides,
    }),
  );
  return file;
}

// Moodle "Download all submissions", unpacked: folders per plugin, and one student's files flat.
export function moodleExportFolder(root: string): Promise<string> {
  return writeTree(join(root, "moodle"), {
    "José María_O'Neil-Smith_88_assignsubmission_file_/app.py": APP,
    "José María_O'Neil-Smith_88_assignsubmission_file_/Dockerfile": DOCKERFILE,
    "Jane Smith_77_assignsubmission_file_/pythonapp/app.py": APP,
    "Jane Smith_77_assignsubmission_file_/pythonapp/Dockerfile": DOCKERFILE,
    "Jane Smith_77_assignsubmission_onlinetext_/onlinetext.html": "<p>done</p>",
    "Participant_91_assignsubmission_file_app.py": APP,
    "Participant_91_assignsubmission_file_Dockerfile": DOCKERFILE,
  });
}

// Gradescope "Export submissions": everything inside assignment_<id>_export/, with the Ruby-written metadata.
export const GRADESCOPE_YML = `---
submission_318001:
  :submitters:
  - :name: Ann Lee
    :sid: '20265555'
    :email: ann@example.edu
  - :name: Bo Chen
    :sid: '20266666'
    :email: bo@example.edu
  :score: !ruby/object:BigDecimal 18:0.9e1
submission_318002:
  :submitters:
  - :name: Zoë Ødegård
    :sid:
    :email: zoe@example.edu
`;

export async function gradescopeExportZip(root: string): Promise<string> {
  const file = join(root, "assignment_77_export.zip");
  await writeFile(
    file,
    await zipBytes({
      "assignment_77_export/submission_metadata.yml": GRADESCOPE_YML,
      "assignment_77_export/submission_318001/app.py": APP,
      "assignment_77_export/submission_318001/Dockerfile": DOCKERFILE,
      "assignment_77_export/submission_318002/app.py": APP,
      "assignment_77_export/submission_318002/Dockerfile": DOCKERFILE,
    }),
  );
  return file;
}

// `gh classroom clone student-repos`: one clone per student, history included.
export function classroomCloneFolder(root: string): Promise<string> {
  return writeTree(join(root, "docker-lab-submissions"), {
    "docker-lab-alice/app.py": APP,
    "docker-lab-alice/Dockerfile": DOCKERFILE,
    "docker-lab-alice/.git/HEAD": "ref: refs/heads/main\n",
    "docker-lab-bob-smith/app.py": APP,
    "docker-lab-bob-smith/Dockerfile": DOCKERFILE,
    ".DS_Store": "junk",
  });
}
