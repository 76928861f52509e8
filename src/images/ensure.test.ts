import type Dockerode from "dockerode";
import { describe, expect, it } from "vitest";
import { silentProgress } from "../progress/progress.ts";
import { ensureLabImage } from "./ensure.ts";
import { PYTHON } from "./lab-images.ts";

// An engine that holds tags in a map: enough for ensureLabImage's decisions.
function fakeEngine(tags: Record<string, string>) {
  const docker = {
    getImage: (name: string) => ({
      inspect: async () => {
        const id = tags[name.includes(":") ? name : `${name}:latest`];
        if (!id) throw Object.assign(new Error("no such image"), { statusCode: 404 });
        return { Id: id, Config: { Labels: {} }, Created: "" };
      },
      tag: async ({ repo, tag }: { repo: string; tag: string }) => {
        tags[`${repo}:${tag}`] = tags[name]!;
      },
    }),
  } as unknown as Dockerode;
  return { docker, tags };
}

function deps(docker: Dockerode, registry: boolean, built: string[]) {
  return {
    docker,
    registryAnswers: async () => registry,
    buildSubstitute: async (image: typeof PYTHON) => void built.push(image.name),
    progress: () => silentProgress,
    forceOffline: false,
  };
}

describe("ensureLabImage", () => {
  it("keeps a present image and records a private copy of it", async () => {
    const { docker, tags } = fakeEngine({ "python:latest": "sha256:real" });
    expect(await ensureLabImage(PYTHON, deps(docker, false, []))).toBe("present");
    expect(tags[PYTHON.privateTag]).toBe("sha256:real");
  });

  it("re-tags from the private copy after the lab's `docker image rm python -f`", async () => {
    const { docker, tags } = fakeEngine({ [PYTHON.privateTag]: "sha256:copy" });
    const built: string[] = [];
    expect(await ensureLabImage(PYTHON, deps(docker, false, built))).toBe("restored");
    expect(tags["python:latest"]).toBe("sha256:copy");
    expect(built).toEqual([]);
  });

  it("builds the substitute when nothing is there and no registry answers", async () => {
    const { docker, tags } = fakeEngine({});
    const built: string[] = [];
    const builder = deps(docker, false, built);
    builder.buildSubstitute = async () => {
      built.push("python");
      tags[PYTHON.privateTag] = "sha256:offline";
    };
    expect(await ensureLabImage(PYTHON, builder)).toBe("built-offline");
    expect(built).toEqual(["python"]);
    expect(tags["python:latest"]).toBe("sha256:offline");
  });
});
