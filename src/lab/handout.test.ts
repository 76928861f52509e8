import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { FIXTURES } from "../../testing/fixtures.ts";
import { HANDOUT_FILES } from "./handout.ts";

it("is what the reference submission hands in", () => {
  for (const [name, text] of Object.entries(HANDOUT_FILES)) {
    expect(readFileSync(path.join(FIXTURES, "submissions", "reference", name), "utf8")).toBe(text);
  }
});
