import type { ImageFact } from "../evidence/types.ts";

// The engine's images as one string: ids and tags, in a stable order. Two listings with the same fingerprint
// show the image steps the same images. Pure.
export function imagesFingerprint(images: ReadonlyArray<Pick<ImageFact, "id" | "tags">>): string {
  return images
    .map((image) => `${image.id} ${[...image.tags].sort().join(",")}`)
    .sort()
    .join("\n");
}
