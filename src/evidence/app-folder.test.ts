import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { chooseAppFolder, classifyDockerfileName, guessAppScript, locateApp, pickDockerfile } from "./app-folder.ts";
import { dockerignoreExcludes } from "../dockerfile/dockerignore.ts";

describe("classifyDockerfileName", () => {
  it("finds Dockerfile exactly and lowercase dockerfile as found but not exact", () => {
    expect(classifyDockerfileName("Dockerfile")).toEqual({ kind: "exact" });
    expect(classifyDockerfileName("dockerfile")).toEqual({ kind: "lowercase" });
  });
  it("names the classic misses", () => {
    expect(classifyDockerfileName("Dockerfile.txt")).toEqual({ kind: "miss", problem: "txt-extension" });
    expect(classifyDockerfileName("dockerfile.txt")).toEqual({ kind: "miss", problem: "txt-extension" });
    expect(classifyDockerfileName("Dockerfile.txt.txt")).toEqual({ kind: "miss", problem: "txt-extension" });
    expect(classifyDockerfileName("DockerFile")).toEqual({ kind: "miss", problem: "wrong-case" });
    expect(classifyDockerfileName("DOCKERFILE")).toEqual({ kind: "miss", problem: "wrong-case" });
    expect(classifyDockerfileName("Dockerfile.dockerfile")).toEqual({ kind: "miss", problem: "other-name" });
    expect(classifyDockerfileName("Docker file")).toEqual({ kind: "miss", problem: "other-name" });
    expect(classifyDockerfileName("app.Dockerfile")).toEqual({ kind: "miss", problem: "other-name" });
  });
  it("ignores other files", () => {
    for (const name of ["app.py", ".dockerignore", "docker-compose.yml", "README.md"]) expect(classifyDockerfileName(name)).toBeNull();
  });
});

describe("pickDockerfile", () => {
  it("prefers the exact name and keeps the misses", () => {
    expect(pickDockerfile(["Dockerfile.txt", "app.py", "dockerfile", "Dockerfile"])).toEqual({ dockerfile: { file: "Dockerfile", exact: true }, misses: [{ file: "Dockerfile.txt", problem: "txt-extension" }] });
    expect(pickDockerfile(["dockerfile", "app.py"])).toEqual({ dockerfile: { file: "dockerfile", exact: false }, misses: [] });
    expect(pickDockerfile(["Dockerfile.txt", "app.py"])).toEqual({ dockerfile: null, misses: [{ file: "Dockerfile.txt", problem: "txt-extension" }] });
    expect(pickDockerfile(["app.py"])).toEqual({ dockerfile: null, misses: [] });
  });
});

describe("chooseAppFolder", () => {
  it("takes the submission folder when it holds a Dockerfile-like file", () => {
    expect(chooseAppFolder(["Dockerfile", "app.py"], [{ name: "pythonapp", files: ["Dockerfile"] }])).toEqual({ folder: "", candidates: ["pythonapp"] });
    expect(chooseAppFolder(["Dockerfile.txt"], [])).toEqual({ folder: "", candidates: [] });
  });
  it("takes the one subfolder with a Dockerfile", () => {
    expect(chooseAppFolder(["README.md"], [{ name: "pythonapp", files: ["Dockerfile", "app.py"] }, { name: "notes", files: ["a.txt"] }])).toEqual({ folder: "pythonapp", candidates: ["pythonapp"] });
  });
  it("lets a real Dockerfile win over a misnamed one, and stays undecided between two real ones", () => {
    expect(chooseAppFolder(["Dockerfile.txt"], [{ name: "app", files: ["Dockerfile"] }])).toEqual({ folder: "app", candidates: ["app"] });
    expect(chooseAppFolder([], [{ name: "a", files: ["Dockerfile"] }, { name: "b", files: ["Dockerfile.txt"] }])).toEqual({ folder: "a", candidates: ["a", "b"] });
    expect(chooseAppFolder([], [{ name: "a", files: ["Dockerfile"] }, { name: "b", files: ["dockerfile"] }])).toEqual({ folder: null, candidates: ["a", "b"] });
  });
  it("falls back to the submission folder when no Dockerfile is anywhere", () => {
    expect(chooseAppFolder(["app.py"], [{ name: "x", files: ["y.py"] }])).toEqual({ folder: "", candidates: [] });
  });
});

describe("guessAppScript", () => {
  it("takes app.py, else the only top-level script", () => {
    expect(guessAppScript(["main.py", "app.py"])).toBe("app.py");
    expect(guessAppScript(["main.py", "lib/util.py"])).toBe("main.py");
    expect(guessAppScript(["a.py", "b.py"])).toBeNull();
    expect(guessAppScript([])).toBeNull();
  });
});

describe("dockerignoreExcludes", () => {
  it("names the pattern that drops the file", () => {
    expect(dockerignoreExcludes("# keep it small\n*.py\n", "app.py")).toBe("*.py");
    expect(dockerignoreExcludes("__pycache__\napp.py\n", "./app.py")).toBe("app.py");
    expect(dockerignoreExcludes("src\n", "src/app.py")).toBe("src");
    expect(dockerignoreExcludes("*\n!Dockerfile\n", "app.py")).toBe("*");
  });
  it("returns null when the file is sent", () => {
    expect(dockerignoreExcludes("*.pyc\n__pycache__\n", "app.py")).toBeNull();
    expect(dockerignoreExcludes("*\n!app.py\n", "app.py")).toBeNull();
    expect(dockerignoreExcludes("", "app.py")).toBeNull();
  });
});

describe("locateApp", () => {
  let dir = "";
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("reads a submission whose app sits in one subfolder", async () => {
    dir = await mkdtemp(join(tmpdir(), "labgrade-app-"));
    await mkdir(join(dir, "pythonapp", "data"), { recursive: true });
    await mkdir(join(dir, "node_modules", "x"), { recursive: true });
    await mkdir(join(dir, ".git"));
    await writeFile(join(dir, "README.md"), "notes");
    await writeFile(join(dir, "node_modules", "x", "Dockerfile"), "FROM node");
    await writeFile(join(dir, "pythonapp", "dockerfile"), "FROM python");
    await writeFile(join(dir, "pythonapp", "Dockerfile.txt"), "FROM python");
    await writeFile(join(dir, "pythonapp", "app.py"), "print(1)");
    await writeFile(join(dir, "pythonapp", ".dockerignore"), "*.pyc\n");
    await writeFile(join(dir, "pythonapp", "data", "helper.py"), "");
    expect(await locateApp(dir)).toEqual({
      dir: join(dir, "pythonapp"),
      dockerfile: { file: "dockerfile", exact: false },
      misses: [{ file: "Dockerfile.txt", problem: "txt-extension" }],
      candidates: ["pythonapp"],
      files: [".dockerignore", "Dockerfile.txt", "app.py", "dockerfile", "data/helper.py"],
      filesTruncated: false,
      pyFiles: ["app.py", "data/helper.py"],
      dockerignore: "*.pyc\n",
      appScript: "app.py",
    });
  });

  it("throws a harness error for a folder that does not exist", async () => {
    await expect(locateApp(join(tmpdir(), "labgrade-no-such-folder"))).rejects.toMatchObject({ name: "HarnessError", code: "BAD_INPUT" });
  });
});
