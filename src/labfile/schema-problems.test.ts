import { describe, expect, it } from "vitest";
import { parseLab } from "./read-lab.ts";

const HEAD = "schema: labgrade.lab/1\nid: my-lab\ntitle: My lab\napp: { tag: myapp, base: python }\nsteps:\n";
const step = (expect: string, extra = "") => `  - id: one\n    title: t\n    points: 1\n${extra}    expect:\n      ${expect}\n`;
const problems = async (text: string) => {
  const result = await parseLab(text, "/labs/my-lab/lab.yaml");
  return "problems" in result ? result.problems.map((p) => `${p.line}:${p.column} ${p.field}: ${p.message}`) : [];
};

// A lab file's author wrote it from docs/authoring.md: each problem says what was expected, what was found (the
// value itself, with its YAML type) and what to write instead, at the field's line and column.
describe("a lab file's problems against the schema", () => {
  it("show the value found, with its YAML type, and what to write instead", async () => {
    expect(await problems(`${HEAD}${step("dockerfile: { expose: 8000 }")}`)).toEqual(["10:21 steps[0].expect.dockerfile.expose: expected a list, found the number 8000: write it as a list: `expose: [8000]`"]);
    expect(await problems(`${HEAD}  - id: one\n    title: t\n    points: ten\n    expect: { engine: {} }\n`)).toEqual(['8:5 steps[0].points: expected a number, found the text "ten": write it in digits, e.g. `points: 10`']);
    expect(await problems(`${HEAD}${step("container: { name: web, env: [A=1, MODE=production] }")}`)).toEqual(['10:31 steps[0].expect.container.env: expected a mapping, found the list [A=1, MODE=production]: write it as a mapping: `env: { A: "1", MODE: production }`']);
    expect(await problems(`${HEAD}  - id: Greeter_Ran\n    title: t\n    points: 1\n    expect: { engine: {} }\n`)).toEqual(['6:5 steps[0].id: expected lowercase letters and digits, words joined by single hyphens: `mycontainer-created`, found the text "Greeter_Ran": write it as `greeter-ran`']);
    expect(await problems(`${HEAD}${step('dockerfile: { command: "python app.py", pip: numpy }')}`)).toEqual([
      '10:21 steps[0].expect.dockerfile.command: expected true or false or a list, found the text "python app.py": write it as a list: `command: [python, app.py]`',
      '10:47 steps[0].expect.dockerfile.pip: expected a list, found the text "numpy": write it as a list: `pip: [numpy]`',
    ]);
    expect(await problems(`${HEAD}  - id: one\n    title: t\n    points: "10"\n    expect: { container: { tty: "yes", exit_code: 1.5, state: runing, mounts: [{ volume: v, target: data }] } }\n`)).toEqual([
      '8:5 steps[0].points: expected a number, found the text "10": remove the quotes: `points: 10`',
      '9:28 steps[0].expect.container.tty: expected true or false, found the text "yes": write `tty: true` or `tty: false`',
      "9:40 steps[0].expect.container.exit_code: expected a whole number, found the number 1.5: write a whole number: `exit_code: 2`",
      '9:56 steps[0].expect.container.state: expected one of "created", "running", "paused", "restarting", "removing", "exited", "dead", found the text "runing": did you mean `running`?',
      '9:93 steps[0].expect.container.mounts[0].target: expected an absolute path (starting with /), found the text "data": start it with /: `target: /data`',
    ]);
  });

  it("shorten a long value, and say when a field its mapping needs cannot be left out", async () => {
    const long = "x".repeat(80);
    expect(await problems(`${HEAD}${step(`image: { tag: [${long}] }`)}`)).toEqual([`10:16 steps[0].expect.image.tag: expected text, found the list [${"x".repeat(38)}…: write it as one line of text: \`tag: …\``]);
    expect(await problems(`${HEAD}  - id: one\n    title: ""\n    points: 1\n    expect: { check: { file: c.ts, reads: [] } }\n`)).toEqual([
      "7:5 steps[0].title: expected some text, found an empty string: write some",
      "9:36 steps[0].expect.check.reads: expected at least 1 item, found an empty list: add one",
    ]);
  });

  it("list the fields an unknown one could be, with the closest", async () => {
    expect(await problems(`${HEAD}${step("container:\n        nmae: greeter")}`)).toEqual([
      '11:9 steps[0].expect.container.nmae: unknown field "nmae" (expected one of: name, image, interactive, tty, started, state, exit_code, logs, mounts, networks, env, ports, restart, run, create, start): did you mean `name`?',
    ]);
    expect(await problems(`${HEAD.replace("title:", "titel:")}${step("engine: {}")}`)).toEqual([
      '1:1 the top level: missing the field "title" (found only `schema`, `id`, `titel`, `app`, `steps`): add `title: …`',
      '3:1 titel: unknown field "titel" (expected one of: schema, id, title, handout, images, app, steps, or an `x-` field of your own, which labgrade ignores): did you mean `title`?',
    ]);
    expect(await problems(`${HEAD}${step("volume: { name: v, colour: red }")}`)).toEqual(['10:26 steps[0].expect.volume.colour: unknown field "colour" (expected one of: name, present, driver, used_by, create): remove it, or use one of those']);
    expect(await problems(`${HEAD}${step("engine: { name: x }")}`)).toEqual(['10:17 steps[0].expect.engine.name: unknown field "name": `engine` takes no fields, so remove it (write `engine: {}`)']);
  });

  it("hold an expect to exactly one kind, naming the kinds found, none, or one it does not know", async () => {
    const kinds = "engine, container, image, volume, network, compose, dockerfile, build, run, http, plot, compose_file, compose_up, check";
    expect(await problems(`${HEAD}${step("container: { name: web }\n      image: { tag: myapp }")}`)).toEqual([
      "9:5 steps[0].expect: expected one kind of expectation, found 2 (container and image): a step checks one kind, so split it into two steps, `expect: { container: … }` in one and `expect: { image: … }` in the other",
    ]);
    expect(await problems(`${HEAD}  - id: one\n    title: t\n    points: 1\n    expect: { engine: {}, build: {}, run: {} }\n`)).toEqual([
      "9:5 steps[0].expect: expected one kind of expectation, found 3 (engine and build and run): a step checks one kind, so split it into 3 steps, one kind each: `expect: { engine: … }`, `expect: { build: … }`, `expect: { run: … }`",
    ]);
    expect(await problems(`${HEAD}  - id: one\n    title: t\n    points: 1\n    expect: {}\n`)).toEqual([`9:5 steps[0].expect: expected one kind of expectation (one of: ${kinds}), found none: add one, e.g. \`container: { name: … }\` (docs/authoring.md describes each)`]);
    expect(await problems(`${HEAD}  - id: one\n    title: t\n    points: 1\n    expect:\n`)).toEqual(["9:5 steps[0].expect: expected a mapping holding one kind of expectation, found nothing (an empty value): write one kind under it, e.g. `expect: { engine: {} }`"]);
    expect(await problems(`${HEAD}${step("contaner: { name: web }")}`)).toEqual([`10:7 steps[0].expect.contaner: unknown kind of expectation "contaner" (expected one of: ${kinds}): did you mean \`container\`?`]);
    expect(await problems(`${HEAD}${step("webpage: { url: / }")}`)).toEqual([`10:7 steps[0].expect.webpage: unknown kind of expectation "webpage" (expected one of: ${kinds}): use one of those (docs/authoring.md describes each)`]);
  });

  it("allow fields of the author's own at the top level (x-…), to define YAML anchors that steps merge", async () => {
    const text = `schema: labgrade.lab/1\nid: my-lab\ntitle: My lab\nx-greeter: &greeter\n  name: greeter\n  image: hello-world\nx-run: &run docker run --name greeter hello-world\nsteps:\n${step("container: { <<: *greeter, exit_code: 0, run: *run }")}`;
    const result = await parseLab(text, "/labs/my-lab/lab.yaml");
    expect("lab" in result ? result.lab.marks.containerNames : result.problems).toEqual(["greeter"]);
  });
});
