import { fileURLToPath } from "node:url";

/** A lab written by course staff from docs/authoring.md alone (a web app asked over HTTP without compose, its
 * container's ports, environment, restart policy, volume and network), kept outside labs/ as a lab of their own is. */
export const AUTHORED_LAB = fileURLToPath(new URL("../../fixtures/labs/web-config", import.meta.url));
