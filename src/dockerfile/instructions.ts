import { Keyword } from "dockerfile-ast";

/** Every Dockerfile instruction the engine knows, upper case: the one list every reader of Dockerfiles uses. */
export const INSTRUCTIONS: readonly string[] = Object.values(Keyword);

const KNOWN = new Set<string>(INSTRUCTIONS);
export const isInstruction = (keyword: string): boolean => KNOWN.has(keyword.toUpperCase());
