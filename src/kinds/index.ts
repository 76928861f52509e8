// The vocabulary of a lab file's `expect`: each kind a pure check of the engine's state or of the hand-in, with
// its messages; a lab file names one kind a step and gives its values (docs/authoring.md).
export { compileExpect, type KindContext } from "./compile-expect.ts";
export { EXPECT_KINDS, type ExpectKind, findingsOf } from "./findings.ts";
export { containerLore, type ContainerLore } from "./container/container-lore.ts";
export type { ContainerSpec } from "./container/container-spec.ts";
export { type AppLore, commandLine, pipLineOf } from "./app/app-lore.ts";
export type { DockerfileSpec } from "./app/dockerfile.ts";
export { placeholdersIn, type StepHints } from "./hints.ts";
export { START_ENGINE_HINT } from "./engine.ts";
export { DEFAULT_WITHIN } from "./app/services.ts";
