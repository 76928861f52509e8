export { LocalAppBuilder } from "./local-app-builder.ts";
export { LocalAppRunner } from "./local-app-runner.ts";
export { LocalEnvironment, type LocalApp, type LocalOptions } from "./local-environment.ts";
export { describeIsolation, type Isolation } from "./isolation.ts";
export { defaultPython, probePython, type PythonFacts } from "./python-interpreter.ts";
export { readWheelCache, wheelCacheDir, type WheelCache, type WheelManifest, type WheelSource } from "./wheel-cache.ts";
export { prepareWheels, type PrepareWheelsOptions, type PrepareWheelsResult } from "./prepare-wheels.ts";
export { copyImageWheels } from "./wheels-from-image.ts";
