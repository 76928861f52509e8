import { describe, expect, it } from "vitest";
import { namedRequirements } from "./named-requirements.ts";

const refusal = (word: string, where = "") => `labgrade grades without an engine only installs named packages from its wheel cache: \`${word}\` is not one${where}. Name the packages (\`numpy\`, \`matplotlib==3.8.4\`) instead.`;

describe("namedRequirements", () => {
  it("passes names, extras and version specifiers, from the RUN line and from requirements files", () => {
    const install = { packages: ["numpy", "matplotlib==3.8.4"], requirements: [{ name: "requirements.txt", text: "# plots\nNumPy >= 1.26, <3  # any\n\nrequests[socks]~=2.31\npandas\\\n==2.2\n" }] };
    expect(namedRequirements(install)).toEqual({ ok: true, specs: ["numpy", "matplotlib==3.8.4", "NumPy>=1.26,<3", "requests[socks]~=2.31", "pandas==2.2"] });
  });

  it.each([
    ["-e .", 1],
    ["--find-links https://example.com/wheels", 1],
    ["https://example.com/evil-1.0.tar.gz", 1],
    ["evil @ https://example.com/evil.zip", 1],
    ["-r other.txt", 1],
    ["./evil", 1],
    ["evil-1.0-py3-none-any.whl", 1],
    ["numpy; python_version > '3'", 1],
    ["--index-url https://example.com/simple", 1],
  ])("refuses `%s` in a requirements file, naming the file and line", (line) => {
    expect(namedRequirements({ packages: [], requirements: [{ name: "requirements.txt", text: `numpy\n${line}\n` }] })).toEqual({ ok: false, error: refusal(line, " (requirements.txt, line 2)") });
  });

  it.each(["https://example.com/evil.tar.gz", "/tmp/evil", "../evil", "git+https://example.com/evil.git", "evil.tar.gz"])("refuses `%s` on the RUN line", (word) => {
    expect(namedRequirements({ packages: ["numpy", word], requirements: [] })).toEqual({ ok: false, error: refusal(word) });
  });
});
