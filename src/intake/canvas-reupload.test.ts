import { describe, expect, it } from "vitest";
import { originalUploadName, restoreUploadNames } from "./canvas-reupload.ts";

describe("originalUploadName", () => {
  it("drops the counter Canvas puts before the extension", () => {
    expect(originalUploadName("app-1.py")).toBe("app.py");
    expect(originalUploadName("Dockerfile-2")).toBe("Dockerfile");
    expect(originalUploadName("lab-1.tar.gz")).toBe("lab.tar.gz");
    expect(originalUploadName("docker-compose-3.yml")).toBe("docker-compose.yml");
    expect(originalUploadName("requirements-7.txt")).toBe("requirements.txt");
  });
  it("leaves names without a counter alone", () => {
    expect(originalUploadName("app.py")).toBeNull();
    expect(originalUploadName("my-app.py")).toBeNull();
    expect(originalUploadName("report-2024.pdf")).toBeNull();
    expect(originalUploadName("-1.py")).toBeNull();
  });
});

describe("restoreUploadNames", () => {
  it("restores a name nothing else claims", () => {
    expect(restoreUploadNames(["app-1.py", "Dockerfile-2", "notes.txt"])).toEqual(["app.py", "Dockerfile", "notes.txt"]);
  });
  it("keeps the counter when the original name is there or two files would restore to it", () => {
    expect(restoreUploadNames(["app.py", "app-1.py"])).toEqual(["app.py", "app-1.py"]);
    expect(restoreUploadNames(["app-1.py", "app-2.py", "Dockerfile-1"])).toEqual(["app-1.py", "app-2.py", "Dockerfile"]);
  });
});
