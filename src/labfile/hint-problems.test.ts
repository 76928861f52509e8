import { describe, expect, it } from "vitest";
import { parseLab } from "./read-lab.ts";

const HEAD = "schema: labgrade.lab/1\nid: my-lab\ntitle: My lab\napp: { tag: myapp, base: python }\nsteps:\n";
const step = (hints: string, expect: string) => `  - id: one\n    title: t\n    points: 1\n${hints}    expect:\n      ${expect}\n`;
const problems = async (text: string) => {
  const result = await parseLab(text, "/labs/my-lab/lab.yaml");
  return "problems" in result ? result.problems.map((p) => `${p.line}:${p.column} ${p.field}: ${p.message}`) : [];
};

// A hint names a finding its kind reports (kinds/findings.ts) and the placeholders that finding fills: one that
// names anything else would never be shown, or be shown to students with its braces.
describe("a step's hints", () => {
  it("name findings of the step's kind: an unknown one lists them, with the closest", async () => {
    expect(await problems(`${HEAD}${step('    hints: { noanswer: "Listen on 0.0.0.0." }\n', "http: { port: 8000 }")}`)).toEqual([
      '9:14 steps[0].hints.noanswer: unknown finding "noanswer" of `http` (expected one of: not-started, not-asked, exited, no-answer, status, body): did you mean `no-answer`?',
    ]);
    expect(await problems(`${HEAD}${step('    hints: { crashed: "Read its logs." }\n', "container: { name: web }")}`)).toEqual([
      '9:14 steps[0].hints.crashed: unknown finding "crashed" of `container` (expected one of: missing, image, flags, mounts, networks, env, ports, restart, not-collected, not-started, exit, state, logs): use one of those, or `hint` for every failure of the step',
    ]);
  });

  it("name only placeholders their finding fills, and a brace itself doubled", async () => {
    expect(await problems(`${HEAD}${step('    hints: { no-answer: "Answer on {url} from port {port}." }\n', "http: { port: 8000 }")}`)).toEqual([
      "9:14 steps[0].hints.no-answer: unknown placeholder {port} (the `http` finding `no-answer` fills {service}, {url}): use one of those, or write {{port}} for the braces themselves",
    ]);
    expect(await problems(`${HEAD}${step('    hints: { phrase: "Print it: print(f\\"{{x}}\\") {phrase}" }\n', "run: { stdout: { contains: hi } }")}`)).toEqual([]);
    expect(await problems(`${HEAD}${step('    hints: { numbers: "Print {x}." }\n', "run: { stdout: { contains: hi } }")}`)).toEqual([
      "9:14 steps[0].hints.numbers: unknown placeholder {x} (the `run` finding `numbers` fills none): write the text without it, or write {{x}} for the braces themselves",
    ]);
    expect(await problems(`${HEAD}${step('    hint: "Remove {tags}, then {image}."\n', "image: { tag: python, present: false }")}`)).toEqual([
      "9:5 steps[0].hint: unknown placeholder {image} (the findings of `image` fill {tag}, {found}, {tags}): use one of those, or write {{image}} for the braces themselves",
    ]);
  });

  it("have nothing to replace on a check of the lab's own, which gives its own hint", async () => {
    expect(await problems(`${HEAD}${step('    hints: { failed: "x" }\n', "check: { file: c.ts, reads: [containers] }")}`)).toEqual([
      "9:5 steps[0].hints: expected no `hints` on a `check` step (it has no findings), found failed: a check of your own gives its own hint (`return { status, message, hint }`), so remove them",
    ]);
  });
});
