import { isImageRef, MYCONTAINER, nearMisses, PYTHONAPP } from "../lab/names.ts";
import type { ContainerFact } from "../evidence/types.ts";
import { HELLO_WORLD } from "../images/lab-images.ts";

// The containers the handout makes (hello-world's, mycontainer or a near miss, the app's runs): the ones the
// engine steps grade. A student's other containers are theirs, and some checks leave them alone.
export function isLabContainer(c: Pick<ContainerFact, "name" | "image">): boolean {
  return isImageRef(c.image, HELLO_WORLD.name) || isImageRef(c.image, PYTHONAPP) || c.name === MYCONTAINER || nearMisses(MYCONTAINER, [c.name]).length > 0;
}

export function isHelloWorldRef(ref: string): boolean {
  return isImageRef(ref, HELLO_WORLD.name);
}
