import { describe, expect, it } from "vitest";
import { isImageRef, isTaggedAs, nearMisses, shortRef, tagRepo } from "./names.ts";

describe("isImageRef", () => {
  it.each(["hello-world", "hello-world:latest", "hello-world:linux", "docker.io/library/hello-world", "library/hello-world:latest", "index.docker.io/library/hello-world:latest", "registry-1.docker.io/library/hello-world", "docker.io/hello-world:latest", ` hello-world `, `hello-world@sha256:${"a".repeat(64)}`, `hello-world:latest@sha256:${"b".repeat(64)}`])("accepts %s", (ref) => {
    expect(isImageRef(ref, "hello-world")).toBe(true);
  });
  it.each(["hello-world-2", "myhello-world", "someone/hello-world", "localhost:5000/hello-world", "sha256:3e2aaf4ac260", "", "Hello-World", "registry-1.docker.io/hello-world", "ghcr.io/x/hello-world"])("rejects %s", (ref) => {
    expect(isImageRef(ref, "hello-world")).toBe(false);
  });
});

describe("tagRepo", () => {
  it("drops tag, digest and Docker Hub's implied prefixes", () => {
    expect(tagRepo("python:3.12")).toBe("python");
    expect(tagRepo("docker.io/library/python:latest")).toBe("python");
    expect(tagRepo("pythonapp")).toBe("pythonapp");
    expect(tagRepo("docker.io/someone/app:v1")).toBe("someone/app");
    expect(tagRepo("localhost:5000/app:v1")).toBe("localhost:5000/app");
    expect(tagRepo("registry-1.docker.io/library/python:3.12")).toBe("python");
    expect(tagRepo(`python:3.12-slim@sha256:${"a".repeat(64)}`)).toBe("python");
    expect(tagRepo(" Python ")).toBe("Python");
  });
});

describe("nearMisses", () => {
  it("finds case, separator and typo variants, closest first", () => {
    const candidates = ["mycontianer", "my-container", "zealous_turing", "MyContainer", "my_container", "mycontainer1", "mycontainer"];
    expect(nearMisses("mycontainer", candidates)).toEqual(["my-container", "MyContainer", "my_container", "mycontainer1", "mycontianer"]);
  });
  it("leaves out unrelated names and the exact name", () => {
    expect(nearMisses("mycontainer", ["mycontainer", "containers", "hello-world", "my-other-box"])).toEqual([]);
    expect(nearMisses("pythonapp", ["python", "python3", "python-app", "python_app", "pythonApp"])).toEqual(["python-app", "python_app", "pythonApp"]);
  });
});

describe("shortRef", () => {
  it("leaves :latest implied", () => {
    expect(shortRef("python:latest")).toBe("python");
    expect(shortRef("python:3.12")).toBe("python:3.12");
    expect(shortRef("someone/pythonapp:latest")).toBe("someone/pythonapp");
    expect(shortRef("registry-1.docker.io/library/python:latest")).toBe("registry-1.docker.io/library/python");
    expect(shortRef("docker.io/library/python:latest")).toBe("docker.io/library/python");
    expect(shortRef("<none>:<none>")).toBe("<none>:<none>");
  });
});

describe("isTaggedAs", () => {
  it("takes any tag of a repository written alone", () => {
    expect(isTaggedAs("tagapp:1.0", "tagapp")).toBe(true);
    expect(isTaggedAs("docker.io/library/tagapp:latest", "tagapp")).toBe(true);
    expect(isTaggedAs("other:1.0", "tagapp")).toBe(false);
  });
  it("takes only the tag written, an untagged reference meaning latest", () => {
    expect(isTaggedAs("tagapp:scratch", "tagapp:scratch")).toBe(true);
    expect(isTaggedAs("tagapp:1.0", "tagapp:scratch")).toBe(false);
    expect(isTaggedAs("tagapp", "tagapp:latest")).toBe(true);
    expect(isTaggedAs("tagapp:1.0", "tagapp:latest")).toBe(false);
  });
});
