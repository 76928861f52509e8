import path from "node:path";
import { describe, expect, it } from "vitest";
import { LABS_DIR } from "../labfile/index.ts";
import { collectCommandFor, studentLabRef } from "./collect-line.ts";

describe("the collect command a student is told", () => {
  it("names a shipped lab by its id and the course's own by its folder, always with --lab", () => {
    expect(collectCommandFor(studentLabRef({ id: "docker-compose", file: path.join(LABS_DIR, "docker-compose", "lab.yaml") }))).toBe("npx labgrade collect --lab docker-compose -o evidence.json");
    expect(collectCommandFor(studentLabRef({ id: "my-lab", file: "/tmp/outsider/labs/my-lab/lab.yaml" }))).toBe("npx labgrade collect --lab path/to/my-lab -o evidence.json");
  });
});
