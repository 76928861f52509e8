import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseRecordArgs, RECORD_USAGE, recordingFolders } from "./record-options.ts";

describe("the walk recorder's command line (npm run record)", () => {
  it("says what it accepts on --help, every option it parses", () => {
    expect(parseRecordArgs(["--help"])).toEqual({ help: true });
    expect(parseRecordArgs(["-h"])).toEqual({ help: true });
    for (const option of ["--lab ID|PATH", "--only NAME", "--out DIR", "--update-fixtures", "--throwaway", "--images TAR", "--copy-images", "--engine-bin DIR", "--containerd-store", "--suffix S"]) expect(RECORD_USAGE).toContain(`  ${option}`);
    expect(RECORD_USAGE).toContain("docker save -o lab-images.tar");
  });

  it("takes repeated labs and walks, with the defaults", () => {
    expect(parseRecordArgs(["--lab", "labs/my-lab", "--lab", "docker-install", "--only", "full-walk", "--update-fixtures"])).toEqual({
      options: { labs: ["labs/my-lab", "docker-install"], only: ["full-walk"], out: "reports/recorded-walks", updateFixtures: true, throwaway: false, copyImages: false, containerdStore: false, suffix: "" },
    });
    expect(parseRecordArgs(["--throwaway", "--images", "lab-images.tar"])).toMatchObject({ options: { throwaway: true, images: "lab-images.tar" } });
    expect(parseRecordArgs(["--throwaway", "--copy-images"])).toMatchObject({ options: { throwaway: true, copyImages: true } });
  });

  it("refuses a mistake in one line that says what to do, never with a stack trace", () => {
    expect(parseRecordArgs(["--trowaway"])).toEqual({ error: "record: unknown option --trowaway; did you mean --throwaway?" });
    expect(parseRecordArgs(["--nope"])).toEqual({ error: "record: unknown option --nope (it takes --lab, --only, --out, --update-fixtures, --throwaway, --images, --copy-images, --engine-bin, --containerd-store, --suffix, --help)" });
    expect(parseRecordArgs(["--lab"])).toEqual({ error: "record: --lab needs a value (--lab ID|PATH)" });
    expect(parseRecordArgs(["labs/my-lab"])).toEqual({ error: 'record: unexpected argument "labs/my-lab"; name a lab with --lab labs/my-lab' });
    expect(parseRecordArgs(["--images", "lab-images.tar"])).toEqual({ error: "record: --images goes with --throwaway (an engine of the recorder's own); add --throwaway" });
    expect(parseRecordArgs(["--copy-images"])).toEqual({ error: "record: --copy-images goes with --throwaway (an engine of the recorder's own); add --throwaway" });
    expect(parseRecordArgs(["--throwaway", "--copy-images", "--images", "x.tar"])).toEqual({ error: "record: --images and --copy-images both say where the lab's images come from; give one" });
  });

  it("writes a walk into the lab's walks/ only with --update-fixtures, and never one whose verdicts differ from walks.yaml", () => {
    const lab = { id: "my-lab", folder: "/labs/my-lab" };
    const out = path.resolve("reports/recorded-walks/my-lab/full-walk");
    expect(recordingFolders({ out: "reports/recorded-walks", lab, name: "full-walk", updateFixtures: true, asExpected: true })).toEqual({ folders: [out, "/labs/my-lab/walks/full-walk"], held: null });
    expect(recordingFolders({ out: "reports/recorded-walks", lab, name: "full-walk", updateFixtures: true, asExpected: false })).toEqual({ folders: [out], held: "/labs/my-lab/walks/full-walk" });
    expect(recordingFolders({ out: "reports/recorded-walks", lab, name: "full-walk", updateFixtures: false, asExpected: false })).toEqual({ folders: [out], held: null });
  });
});
