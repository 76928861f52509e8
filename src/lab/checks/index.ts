// The checks: pure judgements of the evidence, one lab step each.
export { type CheckResult, type StepStatus } from "./check-result.ts";

// Steps judged from the engine snapshot: (snapshot: EngineSnapshot) => CheckResult.
export { checkDockerEngine } from "./docker-engine.ts";
export { checkHelloWorldRan } from "./hello-world-ran.ts";
export { checkMycontainerCreated } from "./mycontainer-created.ts";
export { checkMycontainerStarted } from "./mycontainer-started.ts";
export { checkHelloWorldRemoved } from "./hello-world-removed.ts";
export { checkPythonappImage } from "./pythonapp-image.ts";
export { checkPythonImageRemoved } from "./python-image-removed.ts";

// Steps judged from the submission's app folder and its build and run.
export { checkPythonappDockerfile } from "./pythonapp-dockerfile.ts";
export { checkPythonappBuild } from "./pythonapp-build.ts";
export { checkPythonappOutput } from "./pythonapp-output.ts";
export { checkPythonappPlot } from "./pythonapp-plot.ts";
