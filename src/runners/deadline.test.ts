import { describe, expect, it } from "vitest";
import { unwrapStderr, withDeadline, wrapperMissing } from "./deadline.ts";

describe("withDeadline", () => {
  it("runs the image's entrypoint and command under timeout, a grace period after labgrade's own limit", () => {
    expect(withDeadline({ entrypoint: [], cmd: ["python", "app.py"] }, 60_000)).toEqual({ entrypoint: ["timeout", "-s", "KILL", "75"], cmd: ["python", "app.py"] });
    expect(withDeadline({ entrypoint: ["python"], cmd: ["app.py"] }, 10_000)).toEqual({ entrypoint: ["timeout", "-s", "KILL", "25", "python"], cmd: ["app.py"] });
  });
});

describe("unwrapStderr", () => {
  it("turns the wrapper's words about a missing command into the engine's", () => {
    expect(unwrapStderr("timeout: failed to run command ‘pyhton’: No such file or directory\n", 127)).toBe('exec: "pyhton": executable file not found in $PATH\n');
    expect(unwrapStderr("timeout: failed to run command 'app.py': Permission denied\n", 126)).toBe('exec: "app.py": permission denied\n');
  });

  it("leaves an app's own output alone", () => {
    expect(unwrapStderr("Traceback …\nNameError: name 'x' is not defined\n", 1)).toBe("Traceback …\nNameError: name 'x' is not defined\n");
    expect(unwrapStderr("timeout: failed to run command 'x': No such file or directory\n", 0)).toContain("timeout:");
  });

  it("knows when the image has no timeout at all", () => {
    expect(wrapperMissing('OCI runtime create failed: exec: "timeout": executable file not found in $PATH: unknown')).toBe(true);
    expect(wrapperMissing('exec: "pyhton": executable file not found in $PATH')).toBe(false);
  });
});
