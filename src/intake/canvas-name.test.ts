import { describe, expect, it } from "vitest";
import { parseCanvasName } from "./canvas-name.ts";

describe("parseCanvasName", () => {
  it("reads name, user id and the uploaded file name", () => {
    expect(parseCanvasName("doejohn_12345_67890_app.py")).toEqual({ student: "12345", name: "doejohn", late: false, anonymous: false, file: "app.py", attachment: "67890", prefix: "doejohn" });
    expect(parseCanvasName("smithjane_2222_3333_lab.zip")).toEqual({ student: "2222", name: "smithjane", late: false, anonymous: false, file: "lab.zip", attachment: "3333", prefix: "smithjane" });
  });
  it("records LATE", () => {
    expect(parseCanvasName("doejohn_LATE_12345_67891_Dockerfile")).toEqual({ student: "12345", name: "doejohn", late: true, anonymous: false, file: "Dockerfile", attachment: "67891", prefix: "doejohn" });
  });
  it("splits at the ids when the name keeps _ or -, and keeps the file name whole", () => {
    expect(parseCanvasName("o_neil-smithmary_88_99_app.py")).toMatchObject({ student: "88", name: "o_neil-smithmary", file: "app.py" });
    expect(parseCanvasName("doe_john_12345_67890_lab_2_final.py")).toMatchObject({ student: "12345", name: "doe_john", file: "lab_2_final.py" });
    expect(parseCanvasName("doejohn_LATE_12345_67890_my app (1).py")).toMatchObject({ student: "12345", late: true, file: "my app (1).py" });
  });
  it("reads non-ASCII names, composed or decomposed as macOS unzips them", () => {
    expect(parseCanvasName("núñezjosé_4242_5151_app.py")).toMatchObject({ student: "4242", name: "núñezjosé" });
    const decomposed = "müllerjürgen".normalize("NFD");
    expect(parseCanvasName(`${decomposed}_77_88_Dockerfile`)).toMatchObject({ student: "77", name: decomposed, file: "Dockerfile" });
    expect(parseCanvasName("王小明_31_32_app.py")).toMatchObject({ student: "31", name: "王小明" });
  });
  it("reads anonymous grading: no name, the anonymous id as student", () => {
    expect(parseCanvasName("anon_Zq3Xy_67890_app.py")).toEqual({ student: "Zq3Xy", name: "", late: false, anonymous: true, file: "app.py", attachment: "67890", prefix: "anon_Zq3Xy" });
    expect(parseCanvasName("LATE_anon_Zq3Xy_67891_Dockerfile")).toEqual({ student: "Zq3Xy", name: "", late: true, anonymous: true, file: "Dockerfile", attachment: "67891", prefix: "anon_Zq3Xy" });
    expect(parseCanvasName("anon4711_67890_app.py")).toMatchObject({ student: "4711", name: "", anonymous: true, file: "app.py" });
    // The anonymous id is all digits and the file name starts with digits: still one id, one attachment.
    expect(parseCanvasName("anon_12345_67890_2_notes.txt")).toMatchObject({ student: "12345", anonymous: true, file: "2_notes.txt" });
  });
  it("keeps a real name that starts with anon", () => {
    expect(parseCanvasName("anonsenkari_12345_67890_app.py")).toMatchObject({ student: "12345", name: "anonsenkari", anonymous: false });
  });
  it("reads text and URL entries, which have no attachment id", () => {
    expect(parseCanvasName("doejohn_12345_text.html")).toMatchObject({ student: "12345", file: "text.html", attachment: null });
    expect(parseCanvasName("doejohn_LATE_12345_link.html")).toMatchObject({ student: "12345", late: true, file: "link.html" });
    expect(parseCanvasName("anon_Zq3Xy_link.html")).toMatchObject({ student: "Zq3Xy", anonymous: true, file: "link.html" });
  });
  it("leaves names that do not follow the whole pattern to the plain reader", () => {
    for (const name of [
      "app.py",
      "Dockerfile",
      "alice.zip",
      "doejohn_12345_app.py", // one id only
      "doejohn_12345_67890_", // no file
      "john doe_12345_67890_app.py", // Canvas drops spaces
      "lab_2024_05_final.py", // ids never start with 0
      "2024_11_5_notes.txt", // no letters: a date
      "_12345_67890_app.py",
      "doejohn_12345_067890_app.py", // nor does an attachment id
    ]) {
      expect(parseCanvasName(name), name).toBeNull();
    }
  });
});
