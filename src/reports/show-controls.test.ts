import { describe, expect, it } from "vitest";
import { showControls } from "./show-controls.ts";

describe("showControls", () => {
  it("writes terminal escapes and bells as visible \\x codes", () => {
    expect(showControls("\u001b[31mred\u0007")).toBe("\\x1b[31mred\\x07");
  });

  it("shows every C0 control but newline and tab, DEL and the C1 range, CR included", () => {
    expect(showControls("a\u0000b\u0008c\u000bd\u000ce\rf\u001fg\u007fh\u009bi")).toBe("a\\x00b\\x08c\\x0bd\\x0ce\\x0df\\x1fg\\x7fh\\x9bi");
    expect(showControls("line one\n\tline two")).toBe("line one\n\tline two");
  });

  it("shows bidi overrides and isolates, and leaves other Unicode alone", () => {
    expect(showControls("alice\u202ecod.exe\u2066x\u2069")).toBe("alice\\u202ecod.exe\\u2066x\\u2069");
    expect(showControls("Zoë 学生 — ✓")).toBe("Zoë 学生 — ✓");
  });

  it("produces no character a control regex would catch", () => {
    const all = Array.from({ length: 0xa0 }, (_, i) => String.fromCharCode(i)).join("");
    // eslint-disable-next-line no-control-regex
    expect(showControls(all)).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
  });
});
