import { describe, expect, it } from "vitest";
import { readComposeFacts } from "../../dockerfile/compose-facts.ts";
import { readProbe } from "./probe.ts";
import { planServices } from "./service-plan.ts";

const plan = (text: string) => {
  const facts = readComposeFacts(text);
  return planServices(facts.services, facts.volumes);
};

describe("planServices", () => {
  it("starts each service after what it depends on", () => {
    expect(plan("services:\n  web: { image: python, depends_on: [api] }\n  api: { image: python, depends_on: [db] }\n  db: { image: python }\n").map((s) => s.name)).toEqual(["db", "api", "web"]);
  });
  it("refuses what the sandbox never grants, a circle of depends_on and an undeclared volume, each with its fix", () => {
    const [web] = plan("services:\n  web: { image: python, privileged: true }\n");
    expect(web!.refused).toEqual({ why: "labgrade's sandbox does not run a service with `privileged: true`", fix: "Remove that setting from the compose file: the lab does not need it." });
    expect(plan("services:\n  a: { image: python, depends_on: [b] }\n  b: { image: python, depends_on: [a] }\n").map((s) => s.refused?.why)).toEqual(["its depends_on goes round in a circle (a → b → a)", "its depends_on goes round in a circle (a → b → a)"]);
    expect(plan("services:\n  a: { image: python, volumes: [data:/data] }\n")[0]!.refused?.fix).toBe("Declare it at the top level of the compose file: `volumes:` then `  data:`.");
  });
  it("leaves a bind mount of the student's machine out, and says so", () => {
    const [web] = plan("services:\n  web:\n    build: ./web\n    volumes: ['./site:/site', 'data:/data']\nvolumes: { data: {} }\n");
    expect(web).toMatchObject({ refused: null, volumes: [{ name: "data", target: "/data", readOnly: false }], notes: ["the bind mount of `./site` at /site was left out: labgrade's sandbox never sees the machine's folders"] });
  });
});

describe("readProbe", () => {
  it("reads the probe's JSON line, and says what it printed otherwise", () => {
    expect(readProbe('{"status": 200, "body": "hi"}\n')).toEqual({ status: 200, body: "hi", error: null });
    expect(readProbe('{"status": null, "error": "[Errno 111] Connection refused"}')).toEqual({ status: null, body: "", error: "[Errno 111] Connection refused" });
    expect(readProbe("Traceback …").error).toContain("the probe said");
  });
});
