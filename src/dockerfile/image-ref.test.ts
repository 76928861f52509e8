import { describe, expect, it } from "vitest";
import { familiarRef, isDockerHub, isDockerHubLibrary, normalizedRef, parseImageRef, readImageRef, sameRepository, shortName } from "./image-ref.ts";

const DIGEST = `sha256:${"0123456789abcdef".repeat(4)}`;

describe("parseImageRef", () => {
  // Spellings from real Dockerfiles and engines, with what the engine makes of them.
  it.each([
    ["python", { domain: "docker.io", path: "library/python", tag: null, digest: null, familiar: "python" }, "docker.io/library/python:latest"],
    ["python:3.12", { domain: "docker.io", path: "library/python", tag: "3.12", digest: null, familiar: "python" }, "docker.io/library/python:3.12"],
    [`python:3.12-slim@${DIGEST}`, { domain: "docker.io", path: "library/python", tag: "3.12-slim", digest: DIGEST, familiar: "python" }, `docker.io/library/python:3.12-slim@${DIGEST}`],
    [`python@${DIGEST}`, { domain: "docker.io", path: "library/python", tag: null, digest: DIGEST, familiar: "python" }, `docker.io/library/python@${DIGEST}`],
    ["docker.io/python", { domain: "docker.io", path: "library/python", tag: null, digest: null, familiar: "python" }, "docker.io/library/python:latest"],
    ["docker.io/library/python:latest", { domain: "docker.io", path: "library/python", tag: "latest", digest: null, familiar: "python" }, "docker.io/library/python:latest"],
    ["index.docker.io/library/python", { domain: "docker.io", path: "library/python", tag: null, digest: null, familiar: "python" }, "docker.io/library/python:latest"],
    ["registry-1.docker.io/library/python:3.12", { domain: "registry-1.docker.io", path: "library/python", tag: "3.12", digest: null, familiar: "registry-1.docker.io/library/python" }, "registry-1.docker.io/library/python:3.12"],
    ["library/python", { domain: "docker.io", path: "library/python", tag: null, digest: null, familiar: "python" }, "docker.io/library/python:latest"],
    ["localhost:5000/python", { domain: "localhost:5000", path: "python", tag: null, digest: null, familiar: "localhost:5000/python" }, "localhost:5000/python:latest"],
    ["localhost/python:3", { domain: "localhost", path: "python", tag: "3", digest: null, familiar: "localhost/python" }, "localhost/python:3"],
    ["ghcr.io/x/python", { domain: "ghcr.io", path: "x/python", tag: null, digest: null, familiar: "ghcr.io/x/python" }, "ghcr.io/x/python:latest"],
    ["myregistry.local/python", { domain: "myregistry.local", path: "python", tag: null, digest: null, familiar: "myregistry.local/python" }, "myregistry.local/python:latest"],
    ["someone/app:v1", { domain: "docker.io", path: "someone/app", tag: "v1", digest: null, familiar: "someone/app" }, "docker.io/someone/app:v1"],
    ["docker.io/library/a/b", { domain: "docker.io", path: "library/a/b", tag: null, digest: null, familiar: "library/a/b" }, "docker.io/library/a/b:latest"],
    ["pythonapp", { domain: "docker.io", path: "library/pythonapp", tag: null, digest: null, familiar: "pythonapp" }, "docker.io/library/pythonapp:latest"],
    ["hello-world", { domain: "docker.io", path: "library/hello-world", tag: null, digest: null, familiar: "hello-world" }, "docker.io/library/hello-world:latest"],
    ["docker.io/hello-world:latest", { domain: "docker.io", path: "library/hello-world", tag: "latest", digest: null, familiar: "hello-world" }, "docker.io/library/hello-world:latest"],
    ["my_app.v2__x--y", { domain: "docker.io", path: "library/my_app.v2__x--y", tag: null, digest: null, familiar: "my_app.v2__x--y" }, "docker.io/library/my_app.v2__x--y:latest"],
  ])("reads %s", (text, ref, normalized) => {
    const parsed = parseImageRef(text);
    expect(parsed).toEqual(ref);
    expect(parsed && normalizedRef(parsed)).toBe(normalized);
  });

  it.each([
    ["Python", "invalid reference format: repository name must be lowercase"],
    ["PYTHON:3.12", "invalid reference format: repository name must be lowercase"],
    ["docker.io/Library/python", "invalid reference format: repository name must be lowercase"],
    ["python:${VER}", "invalid reference format"],
    ["$py", "invalid reference format"],
    ["$PY", "invalid reference format: repository name must be lowercase"],
    ["python:", "invalid reference format"],
    ["", "invalid reference format"],
    [" python", "invalid reference format"],
    ["python:3.12 AS build", "invalid reference format"],
    ["my__-app", "invalid reference format"],
    ["-python", "invalid reference format"],
    ["python@sha256:abc", "invalid reference format"],
    [`python@sha256:${"A".repeat(64)}`, "invalid checksum digest format"],
    [`python@sha256:${"a".repeat(96)}`, "invalid checksum digest length"],
    [`python@md5:${"a".repeat(32)}`, "unsupported digest algorithm"],
    ["a".repeat(64), `invalid repository name (${"a".repeat(64)}), cannot specify 64-byte hexadecimal strings`],
    [`python:${"t".repeat(129)}`, "invalid reference format"],
    ["bad_host.com/python", "invalid reference format"],
  ])("refuses %s as the engine does", (text, reason) => {
    expect(readImageRef(text)).toEqual({ invalid: reason });
    expect(parseImageRef(text)).toBeNull();
  });

  it("takes an uppercase first component as a registry, as the engine does", () => {
    expect(parseImageRef("MyRegistry/python")).toMatchObject({ domain: "MyRegistry", path: "python" });
  });
});

describe("Docker Hub", () => {
  const ref = (text: string) => {
    const parsed = parseImageRef(text);
    if (!parsed) throw new Error(`not a reference: ${text}`);
    return parsed;
  };

  it.each(["python", "python:3.12", `python:3.12-slim@${DIGEST}`, "docker.io/python", "docker.io/library/python:latest", "index.docker.io/library/python", "registry-1.docker.io/library/python:3.12", "library/python"])(
    "knows %s as the official python image",
    (text) => expect(isDockerHubLibrary(ref(text), "python")).toBe(true),
  );

  // registry-1.docker.io gets no implied `library/` from the engine: `registry-1.docker.io/python` is another repository.
  it.each(["localhost:5000/python", "ghcr.io/x/python", "myregistry.local/python", "pythonapp", "someone/python", "registry-1.docker.io/python", "hello-world"])(
    "does not take %s for the official python image",
    (text) => expect(isDockerHubLibrary(ref(text), "python")).toBe(false),
  );

  it("treats the Hub's hosts as one registry, and others as their own", () => {
    expect(isDockerHub(ref("registry-1.docker.io/library/python"))).toBe(true);
    expect(isDockerHub(ref("ghcr.io/x/python"))).toBe(false);
    expect(sameRepository(ref("registry-1.docker.io/library/hello-world"), ref("hello-world:latest"))).toBe(true);
    expect(sameRepository(ref("localhost:5000/hello-world"), ref("hello-world"))).toBe(false);
    expect(shortName(ref("registry-1.docker.io/library/python:3.12"))).toBe("python");
    expect(shortName(ref("docker.io/someone/app"))).toBe("someone/app");
    expect(shortName(ref("ghcr.io/x/python"))).toBe("ghcr.io/x/python");
    expect(familiarRef(ref("docker.io/library/python:3.12"))).toBe("python:3.12");
    expect(familiarRef(ref(`index.docker.io/library/python@${DIGEST}`))).toBe(`python@${DIGEST}`);
  });
});
