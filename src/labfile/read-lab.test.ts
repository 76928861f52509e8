import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseLab, readLab } from "./read-lab.ts";

const HEAD = "schema: labgrade.lab/1\nid: my-lab\ntitle: My lab\n";
const problems = async (text: string) => {
  const result = await parseLab(text, "/labs/my-lab/lab.yaml");
  return "problems" in result ? result.problems.map((p) => `${p.line}:${p.column} ${p.field}: ${p.message}`) : [];
};

describe("a lab file", () => {
  it("compiles a valid file into a lab: kinds, what each step reads, the lab's marks and a digest", async () => {
    const result = await parseLab(`${HEAD}steps:\n  - id: greeter\n    title: greeter ran\n    points: 10\n    expect:\n      container: { name: greeter, image: hello-world, logs: { contains: Hello } }\n  - id: labnet\n    title: labnet\n    points: 5\n    expect:\n      network: { name: labnet, containers: [greeter] }\n`, "/labs/my-lab/lab.yaml");
    expect("lab" in result).toBe(true);
    if (!("lab" in result)) return;
    expect(result.lab.steps.map((s) => [s.id, s.kind, s.expect, s.reads])).toEqual([
      ["greeter", "engine", "container", ["containers", "logs"]],
      ["labnet", "engine", "network", ["networks", "containers"]],
    ]);
    expect(result.lab.marks).toMatchObject({ containerNames: ["greeter"], containerImages: ["hello-world"], logsOf: { names: ["greeter"], images: [] } });
    expect(result.lab.digest).toMatch(/^sha256:[0-9a-f]{12}$/);
  });

  it("places each problem at its line and field, in words an author can act on", async () => {
    const text = `${HEAD}steps:\n  - id: Bad_Id\n    title: x\n    points: -1\n    expect:\n      container: { nmae: x }\n  - id: two\n    title: y\n    points: 1\n    expect: { image: { tag: a }, volume: { name: b } }\n`;
    expect(await problems(text)).toEqual([
      "5:5 steps[0].id: expected lowercase letters and digits, words joined by single hyphens: `mycontainer-created`, found the text \"Bad_Id\": write it as `bad-id`",
      "7:5 steps[0].points: expected a number >= 0, found the number -1: write 0 or more",
      "9:20 steps[0].expect.container.nmae: unknown field \"nmae\" (expected one of: name, image, interactive, tty, started, state, exit_code, logs, mounts, networks, env, ports, restart, run, create, start): did you mean `name`?",
      "13:5 steps[1].expect: expected one kind of expectation, found 2 (image and volume): a step checks one kind, so split it into two steps, `expect: { image: … }` in one and `expect: { volume: … }` in the other",
    ]);
  });

  it("says what only the whole lab shows: a duplicate id, a later step required, an app kind without an app, a bad regular expression", async () => {
    const step = (id: string, expect: string, extra = "") => `  - id: ${id}\n    title: t\n    points: 1\n${extra}    expect:\n      ${expect}\n`;
    expect(await problems(`${HEAD}steps:\n${step("a", "engine: {}", "    requires: [b]\n")}${step("b", "engine: {}")}${step("b", "engine: {}")}`)).toEqual([
      '8:16 steps[0].requires[0]: "b" is not a step before this one (a step may require only earlier steps): move this step after "b", or drop it from `requires`',
      "16:5 steps[2].id: the step id \"b\" is already the id of steps[1]; step ids are unique: rename this one",
    ]);
    expect(await problems(`${HEAD}steps:\n${step("a", "build: {}")}`)).toEqual(["9:7 steps[0].expect.build: `build` judges the hand-in's app, and the lab has no `app` section to say what the app is: add one (`app: { tag: myapp, base: python }`), or drop this step"]);
    expect(await problems(`${HEAD}steps:\n${step("a", 'container: { logs: { matches: "(" } }')}`)).toEqual([expect.stringMatching(/^9:\d+ steps\[0\]\.expect\.container\.logs\.matches: not a regular expression/)]);
  });

  it("refuses what it used to accept silently: an http service in a lab without compose, a handout or handout file not there", async () => {
    const http = `${HEAD}app: { tag: web, base: python }\nsteps:\n  - id: answers\n    title: t\n    points: 1\n    expect:\n      http: { service: web, port: 8000 }\n`;
    expect(await problems(http)).toEqual(['10:15 steps[0].expect.http.service: the lab has no compose file (no `compose:` under `app:`), so its app runs as a service of its own and there is no service "web" to ask: drop `service`, or add `compose: compose.yaml` under `app:`']);
    expect(await problems(http.replace("app: { tag: web, base: python }", "app: { tag: web, base: python, compose: compose.yaml }"))).toEqual([]);

    const dir = await mkdtemp(path.join(os.tmpdir(), "labgrade-lab-"));
    await writeFile(path.join(dir, "app.py"), "print(1)\n");
    const text = `${HEAD}handout: handout.md\napp: { tag: web, base: python, handout_files: [app.py, Dockerfile] }\nsteps:\n  - id: builds\n    title: t\n    points: 1\n    expect: { build: {} }\n`;
    const result = await parseLab(text, path.join(dir, "lab.yaml"));
    expect("problems" in result ? result.problems.map((p) => `${p.line}:${p.column} ${p.field}: ${p.message}`) : []).toEqual([
      `4:1 handout: expected the handout handout.md beside the lab file (in ${dir}), found no such file: write it there, or name it by its path from the lab file (or a link, https://…)`,
      `5:56 app.handout_files[1]: expected the handout's file Dockerfile beside the lab file (in ${dir}), found no such file: add it, or fix its path (relative to the lab file)`,
    ]);
    await writeFile(path.join(dir, "handout.md"), "# Lab\n");
    await writeFile(path.join(dir, "Dockerfile"), "FROM python\n");
    expect(await parseLab(text, path.join(dir, "lab.yaml"))).toHaveProperty("lab");
    expect(await parseLab(text.replace("handout: handout.md", "handout: https://example.edu/lab"), path.join(dir, "lab.yaml"))).toHaveProperty("lab");
  });

  it("refuses YAML it cannot read, and a newer format by name", async () => {
    expect(await problems(`${HEAD}steps: [\n`)).toEqual([expect.stringMatching(/^\d+:\d+ YAML: Flow sequence in block collection must be sufficiently indented and end with a \]$/)]);
    expect(await problems("schema: labgrade.lab/2\nid: x\n")).toEqual(["1:1 schema: this lab is written for labgrade.lab/2, and this labgrade reads labgrade.lab/1: update labgrade"]);
  });

  it("names the file in the error a command shows", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "labgrade-lab-"));
    const file = path.join(dir, "lab.yaml");
    await writeFile(file, `${HEAD}steps: []\n`);
    await expect(readLab(file)).rejects.toMatchObject({ code: "BAD_INPUT", message: expect.stringContaining(`${file}:4:1: steps: expected at least 1 item, found an empty list`) });
  });
});
