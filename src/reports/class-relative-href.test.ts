import { describe, expect, it } from "vitest";
import { relativeHref } from "./class-relative-href.ts";

describe("relativeHref", () => {
  it("keeps a plain relative path, percent-encoding each segment", () => {
    expect(relativeHref("alice/plot.png")).toBe("alice/plot.png");
    expect(relativeHref("students/Zoë 学生/report.html")).toBe("students/Zo%C3%AB%20%E5%AD%A6%E7%94%9F/report.html");
    expect(relativeHref("a#b/c?d/100%")).toBe("a%23b/c%3Fd/100%25");
    expect(relativeHref("./alice//plot.png")).toBe("alice/plot.png");
    expect(relativeHref("students\\bob\\plot.png")).toBe("students/bob/plot.png");
  });

  it("encodes quotes and angle brackets, so the attribute cannot be closed", () => {
    expect(relativeHref(`x"><script>alert(1)</script>`)).toBe("x%22%3E%3Cscript%3Ealert(1)%3C/script%3E");
  });

  it("refuses absolute paths, parent segments and schemes", () => {
    for (const bad of [
      "/etc/passwd",
      "\\\\server\\share\\x.png",
      "//evil.example/x.png",
      "../../etc/passwd",
      "alice/../../x",
      "alice\\..\\..\\x",
      "javascript:alert(1)",
      "JaVaScRiPt:alert(1)",
      "java\tscript:alert(1)",
      " javascript:alert(1)",
      "data:image/png;base64,AAAA",
      "https://evil.example/x.png",
      "C:\\Users\\x.png",
      "file:///etc/passwd",
      "alice\u0000/plot.png",
      "",
      ".",
      "./",
      null,
    ]) {
      expect(relativeHref(bad), JSON.stringify(bad)).toBeNull();
    }
  });

  it("keeps an encoded dot-dot harmless: it stays a folder name", () => {
    expect(relativeHref("%2e%2e/x")).toBe("%252e%252e/x");
  });
});
