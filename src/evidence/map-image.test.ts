import type Dockerode from "dockerode";
import { describe, expect, it } from "vitest";
import { mapImage } from "./map-image.ts";

const info = (over: Partial<Dockerode.ImageInfo>): Dockerode.ImageInfo =>
  ({ Id: "sha256:f7621c7cdd0b", ParentId: "", RepoTags: ["python:latest"], Created: 1767261600, Size: 1, VirtualSize: 1, SharedSize: 0, Labels: null, Containers: -1, ...over }) as unknown as Dockerode.ImageInfo;

describe("mapImage", () => {
  it("maps tags and the creation time", () => {
    expect(mapImage(info({}))).toEqual({ id: "sha256:f7621c7cdd0b", tags: ["python:latest"], created: "2026-01-01T10:00:00.000Z", substitute: false });
  });
  it("drops <none>:<none> and reads a missing tag list as none", () => {
    expect(mapImage(info({ RepoTags: ["<none>:<none>"] })).tags).toEqual([]);
    expect(mapImage(info({ RepoTags: undefined })).tags).toEqual([]);
  });
  it("knows labgrade's offline substitutes by their label", () => {
    expect(mapImage(info({ Labels: { "org.labgrade.substitute": "offline" } })).substitute).toBe(true);
    expect(mapImage(info({ Labels: { "org.labgrade.substitute": "no" } })).substitute).toBe(false);
  });
});
