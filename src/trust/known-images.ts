import { isImageRef } from "../lab/names.ts";

// Docker Hub's hello-world, an image whose every release labgrade knows (hello-world-releases.ts): what its
// containers print, and its ids, whichever lab runs it.
export function isHelloWorldRef(ref: string): boolean {
  return isImageRef(ref, "hello-world");
}
