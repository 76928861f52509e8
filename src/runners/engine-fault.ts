// Failures of the engine itself, reported in the build's stream: never the Dockerfile's. An image id that vanished
// mid-build (`No such image: sha256:…`, `unknown parent image ID`) is a base or cached layer another process removed:
// a student's FROM names an image by name, and a missing name is refused as "pull access denied" before any step.
const ENGINE_FAULTS = /no space left on device|failed to register layer|error creating overlay mount|input\/output error|No such image: sha256:[0-9a-f]{12}|unknown parent image ID/i;

export function isEngineFault(error: string): boolean {
  return ENGINE_FAULTS.test(error);
}
