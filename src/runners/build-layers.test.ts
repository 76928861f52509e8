import { describe, expect, it } from "vitest";
import { BuildLayers } from "./build-layers.ts";

const OUTPUT = `Step 1/6 : FROM labgrade/lab-python:latest
 ---> 7291fd07f6a2
Step 2/6 : WORKDIR /app
 ---> Using cache
 ---> a239e3ef7ed0
Step 3/6 : COPY . /app
 ---> 0a1b2c3d4e5f
Step 4/6 : RUN echo hi > /x
 ---> Running in 0ac442032f69
Removing intermediate container 0ac442032f69
 ---> e14ab012107c
Step 5/6 : RUN exit 3
 ---> Running in cf8ae342a1b8
The command '/bin/sh -c exit 3' returned a non-zero code: 3
`;

const created = (chunks: string[]) => {
  const ids: string[] = [];
  const layers = new BuildLayers((id) => ids.push(id));
  for (const chunk of chunks) layers.feed(chunk);
  return ids;
};

describe("BuildLayers", () => {
  it("reports the images the build made, never the base or a reused cache layer", () => {
    expect(created([OUTPUT])).toEqual(["0a1b2c3d4e5f", "e14ab012107c"]);
  });

  it("reads lines split across the stream's pieces", () => {
    const pieces = OUTPUT.match(/[\s\S]{1,7}/g)!;
    expect(created(pieces)).toEqual(["0a1b2c3d4e5f", "e14ab012107c"]);
  });

  it("ignores ids a student prints themselves in a RUN step", () => {
    expect(created(["Step 2/3 : RUN echo ' ---> deadbeef0000'\n", " ---> Running in 1\n", "---> deadbeef0000\n", " ---> 111111111111\n"])).toEqual(["111111111111"]);
  });
});

describe("BuildLayers and steps", () => {
  it("names the step that made each image, as the log writes it", () => {
    const seen: Array<[string, string]> = [];
    const layers = new BuildLayers((id, step) => seen.push([id, step]));
    layers.feed(OUTPUT);
    expect(seen).toEqual([["0a1b2c3d4e5f", "COPY . /app"], ["e14ab012107c", "RUN echo hi > /x"]]);
  });
});
