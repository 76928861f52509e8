import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { EXPECT_KINDS, findingsOf } from "./findings.ts";
import { fill, placeholdersIn } from "./hints.ts";

describe("the kinds' findings, declared once", () => {
  it("name every kind the lab file's schema admits (but a check of the lab's own, which has none)", () => {
    const schema = JSON.parse(readFileSync(new URL("../labfile/lab.schema.json", import.meta.url), "utf8")) as { definitions: { expect: { properties: object } } };
    expect([...EXPECT_KINDS].sort()).toEqual(Object.keys(schema.definitions.expect.properties).filter((k) => k !== "check").sort());
    expect(findingsOf("check")).toBeNull();
    expect(findingsOf("toString")).toBeNull();
    expect([...findingsOf("http")!.keys()]).toContain("no-answer");
  });

  it("fill a hint's placeholders, and write a doubled brace as a brace", () => {
    expect(fill("Ask {url} ({service}); {missing} stays; print(f\"{{x}}\")", { url: "http://web:80/", service: "web" })).toBe('Ask http://web:80/ (web); {missing} stays; print(f"{x}")');
    expect(placeholdersIn('{url} {{x}} {url} {found}')).toEqual(["url", "found"]);
  });
});
