import type { StepStatus } from "../../src/lab/checks/check-result.ts";
import { ENGINE_STEP_IDS, type EngineStepId } from "../../src/lab/steps.ts";

// One docker CLI command of the handout, as a student types it.
export interface WalkCommand {
  args: string[];
  /** Run in the app's folder (for `docker build -t pythonapp .`). */
  inApp?: boolean;
  /** Offline, `docker pull` fails: the walk goes on, as a student's would. */
  mayFail?: boolean;
  /** Tried when the command fails (`docker image rm hello-world` needs -f while a container uses it). */
  orElse?: string[];
}

export interface Walk {
  name: string;
  description: string;
  commands: WalkCommand[];
  expected: Record<EngineStepId, StepStatus>;
}

const ALL_PASS = Object.fromEntries(ENGINE_STEP_IDS.map((id) => [id, "passed"])) as Record<EngineStepId, StepStatus>;

const RUN_HELLO: WalkCommand[] = [{ args: ["run", "hello-world"] }, { args: ["ps"] }, { args: ["ps", "-a"] }];
const create = (name: string, it: boolean): WalkCommand => ({ args: ["container", "create", ...(it ? ["-i", "-t"] : []), "--name", name, "hello-world"] });
const start = (name: string): WalkCommand => ({ args: ["container", "start", "--attach", "-i", name] });
const PULL: WalkCommand = { args: ["pull", "hello-world"], mayFail: true };
const RM_HELLO: WalkCommand = { args: ["image", "rm", "hello-world"], orElse: ["image", "rm", "hello-world", "-f"] };
const BUILD_AND_RUN: WalkCommand[] = [{ args: ["build", "-t", "pythonapp", "."], inApp: true }, { args: ["run", "pythonapp"] }, { args: ["images"] }];
const RM_PYTHON: WalkCommand = { args: ["image", "rm", "python", "-f"] };

// The handout walked in full, and the partial walks students really leave behind.
export const WALKS: Walk[] = [
  { name: "full-walk", description: "Every command of the handout, in order.", commands: [...RUN_HELLO, create("mycontainer", true), start("mycontainer"), PULL, RM_HELLO, ...BUILD_AND_RUN, RM_PYTHON], expected: ALL_PASS },
  { name: "never-started", description: "mycontainer created but never started.", commands: [...RUN_HELLO, create("mycontainer", true), PULL, RM_HELLO, ...BUILD_AND_RUN, RM_PYTHON], expected: { ...ALL_PASS, "mycontainer-started": "failed" } },
  { name: "wrong-name", description: "The container named my-container instead of mycontainer.", commands: [...RUN_HELLO, create("my-container", true), start("my-container"), PULL, RM_HELLO, ...BUILD_AND_RUN, RM_PYTHON], expected: { ...ALL_PASS, "mycontainer-created": "failed", "mycontainer-started": "failed" } },
  { name: "images-kept", description: "Neither hello-world nor python removed.", commands: [...RUN_HELLO, create("mycontainer", true), start("mycontainer"), PULL, ...BUILD_AND_RUN], expected: { ...ALL_PASS, "hello-world-removed": "failed", "python-image-removed": "failed" } },
  { name: "no-it", description: "mycontainer created without -i -t.", commands: [...RUN_HELLO, create("mycontainer", false), start("mycontainer"), PULL, RM_HELLO, ...BUILD_AND_RUN, RM_PYTHON], expected: { ...ALL_PASS, "mycontainer-created": "failed" } },
];
