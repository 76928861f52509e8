import { describe, expect, it } from "vitest";
import { HarnessError } from "../errors.ts";
import { isGradescopeFolder, parseGradescopeMetadata } from "./gradescope-metadata.ts";

// As Gradescope writes it: Ruby symbols keep their colon, scores are BigDecimal objects.
const EXPORTED = `---
submission_318001:
  :submitters:
  - :name: José Núñez
    :sid: '20261234'
    :email: jose.nunez@example.edu
  :created_at: 2026-10-01 12:34:56.789012000 -07:00
  :score: !ruby/object:BigDecimal 18:0.9e1
  :status: graded
submission_318002:
  :submitters:
  - :name: Ann Lee
    :sid: 20265555
    :email: ann@example.edu
  - :name: Bo Chen
    :sid: '20266666'
    :email: bo@example.edu
submission_318003:
  :submitters:
  - :name: No Sid
    :sid:
    :email: nosid@example.edu
submission_318004:
  :submitters: []
`;

describe("parseGradescopeMetadata", () => {
  it("reads sid and name, keyed by folder name", () => {
    const metadata = parseGradescopeMetadata(EXPORTED);
    expect(metadata.get("submission_318001")).toEqual({ student: "20261234", name: "José Núñez" });
  });
  it("takes the first submitter of a group as the student and joins the names", () => {
    expect(parseGradescopeMetadata(EXPORTED).get("submission_318002")).toEqual({ student: "20265555", name: "Ann Lee, Bo Chen" });
  });
  it("falls back to the email, then to the submission folder", () => {
    const metadata = parseGradescopeMetadata(EXPORTED);
    expect(metadata.get("submission_318003")).toEqual({ student: "nosid@example.edu", name: "No Sid" });
    expect(metadata.get("submission_318004")).toEqual({ student: "submission_318004", name: "" });
  });
  it("accepts plain keys", () => {
    const plain = "submission_9:\n  submitters:\n    - name: Kim Park\n      sid: 'k42'\n";
    expect(parseGradescopeMetadata(plain).get("submission_9")).toEqual({ student: "k42", name: "Kim Park" });
  });
  it("reads an empty file as no metadata", () => {
    expect(parseGradescopeMetadata("").size).toBe(0);
  });
  it("refuses a file that is not a mapping, saying what to do", () => {
    expect(() => parseGradescopeMetadata("submission_1: [unclosed")).toThrow(HarnessError);
    expect(() => parseGradescopeMetadata("- a\n- b\n")).toThrow(/Expected submission_metadata.yml to map each submission_<id> to its submitters; found a list/);
    expect(thrown(() => parseGradescopeMetadata("- a\n"))).toMatchObject({ code: "BAD_INPUT", hint: expect.stringMatching(/delete submission_metadata.yml/) });
  });
});

describe("isGradescopeFolder", () => {
  it("knows submission_<id> only", () => {
    expect(isGradescopeFolder("submission_318001")).toBe(true);
    expect(isGradescopeFolder("submission_")).toBe(false);
    expect(isGradescopeFolder("submission_318001.zip")).toBe(false);
    expect(isGradescopeFolder("my_submission_1")).toBe(false);
  });
});

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return null;
}
