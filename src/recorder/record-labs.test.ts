import path from "node:path";
import { expect, it } from "vitest";
import { recordingFolders } from "./record-labs.ts";

it("writes a walk into the lab's walks/ only with --update-fixtures, and never one whose verdicts differ from walks.yaml", () => {
  const lab = { id: "my-lab", folder: "/labs/my-lab" };
  const out = path.resolve("reports/recorded-walks/my-lab/full-walk");
  expect(recordingFolders({ out: "reports/recorded-walks", lab, name: "full-walk", updateFixtures: true, asExpected: true })).toEqual({ folders: [out, "/labs/my-lab/walks/full-walk"], held: null });
  expect(recordingFolders({ out: "reports/recorded-walks", lab, name: "full-walk", updateFixtures: true, asExpected: false })).toEqual({ folders: [out], held: "/labs/my-lab/walks/full-walk" });
  expect(recordingFolders({ out: "reports/recorded-walks", lab, name: "full-walk", updateFixtures: false, asExpected: false })).toEqual({ folders: [out], held: null });
});
