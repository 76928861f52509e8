import { describe, expect, it } from "vitest";
import { copiedWords } from "./app-lore.ts";

describe("copiedWords", () => {
  it("says the whole folder only for a COPY of the build's folder", () => {
    expect(copiedWords("COPY . /app")).toBe("the whole folder");
    expect(copiedWords("COPY ./ /app/")).toBe("the whole folder");
    expect(copiedWords("COPY app.py /app/app.py")).toBe("`app.py`");
    expect(copiedWords("COPY --chown=app app.py static /app/")).toBe("`app.py` and `static`");
  });
});
