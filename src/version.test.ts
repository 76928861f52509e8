import { expect, it } from "vitest";
import { codeIdentity, version } from "./version.ts";

it("names the version and a digest of the sources, the same within a run", () => {
  expect(codeIdentity()).toMatch(new RegExp(`^${version().replace(/\./g, "\\.")}\\+[0-9a-f]{16}$`));
  expect(codeIdentity()).toBe(codeIdentity());
});
