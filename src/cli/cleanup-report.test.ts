import { describe, expect, it } from "vitest";
import { describeCleanup } from "./cleanup-report.ts";
import { labgradeProgram } from "./main.ts";

const NONE = { layers: 0, records: 0, folders: 0, cgroups: 0 };

describe("what labgrade cleanup says it removed", () => {
  it("counts each kind of labelled object, networks and volumes included, naming them", () => {
    const removed = { containers: ["labgrade-app-1", "labgrade-db-1"], images: ["labgrade-app:1"], networks: ["labgrade-services-1"], volumes: [] };
    expect(describeCleanup(removed, NONE)).toBe("Removed what earlier labgrade runs left behind: 2 containers (labgrade-app-1, labgrade-db-1), 1 image (labgrade-app:1), 1 network (labgrade-services-1), no volumes.\n");
    expect(describeCleanup({ containers: [], images: [], networks: [], volumes: ["labgrade-data-1", "labgrade-data-2"] }, NONE)).toBe("Removed what earlier labgrade runs left behind: no containers, no images, no networks, 2 volumes (labgrade-data-1, labgrade-data-2).\n");
  });
  it("says what it looked for when nothing was left, and what the build sweeps found", () => {
    expect(describeCleanup({ containers: [], images: [], networks: [], volumes: [] }, { layers: 3, records: 0, folders: 1, cgroups: 0 })).toBe(
      "Nothing left behind by earlier labgrade runs: no containers, images, networks or volumes.\n" +
        "Removed 3 untagged build layers that killed labgrade runs had made.\n" +
        "Removed 1 temporary build folder of killed labgrade runs.\n",
    );
  });
  it("cleanup --help names every kind it removes", () => {
    const { program } = labgradeProgram({}, new AbortController().signal);
    const help = program.commands.find((c) => c.name() === "cleanup")!.helpInformation();
    for (const kind of ["containers", "images", "networks", "volumes"]) expect(help).toContain(kind);
  });
});
