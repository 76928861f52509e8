import { describe, expect, it } from "vitest";
import { backendHint, cannotOpenHint, crashLocation, curlyQuoteHint, diagnoseCrash, missingModuleHint, shellNotFoundHint, stderrTail } from "./app-hints.ts";

const LORE = { packages: ["numpy", "matplotlib"], pipLine: "RUN pip install numpy matplotlib", workdirLine: "WORKDIR /app", copyLine: "COPY . /app", command: ["python", "app.py"], script: "app.py" };
const NO_CONTEXT = { dockerignoreExcluded: null, appFile: "app.py", lore: LORE };
const CURLY = '  File "/app/app.py", line 5\n    print(“This is the squaring function”)\n          ^\nSyntaxError: invalid character \'“\' (U+201C)\n';

describe("curlyQuoteHint", () => {
  it("names the line and every curly character on it", () => {
    expect(curlyQuoteHint(CURLY)).toEqual({
      found: "SyntaxError: line 5 of app.py has curly quotes “ (U+201C), ” (U+201D): `print(“This is the squaring function”)`",
      hint: 'The quotes were pasted from the handout. Retype “ ” on line 5 of app.py as straight quotes " (or \'), save, rebuild and run again.',
      location: { file: "app.py", line: 5 },
    });
  });
  it("places the quotes in the app's folder, whatever folder the container ran it from", () => {
    const nested = CURLY.replace("/app/app.py", "/srv/lab/src/main.py");
    expect(curlyQuoteHint(nested, "src/main.py")?.location).toEqual({ file: "src/main.py", line: 5 });
    expect(curlyQuoteHint(nested, "app.py")?.location).toEqual({ file: "main.py", line: 5 });
    expect(curlyQuoteHint("SyntaxError: invalid character '“' (U+201C)")?.location).toBeUndefined();
  });
  it("reads single curly quotes and older Pythons' wording", () => {
    const stderr = '  File "/app/app.py", line 9\n    pl.title(‘Squaring Function’)\n             ^\nSyntaxError: invalid character in identifier\n';
    expect(curlyQuoteHint(stderr)?.found).toContain("line 9 of app.py has curly quotes ‘ (U+2018), ’ (U+2019)");
  });
  it("ignores other syntax errors", () => {
    expect(curlyQuoteHint('  File "/app/app.py", line 2\n    x = (\n        ^\nSyntaxError: \'(\' was never closed\n')).toBeNull();
    expect(curlyQuoteHint("SyntaxError: invalid character '€' (U+20AC)")).toBeNull();
  });
});

describe("crashLocation", () => {
  it("places a crash at the app's last line in the traceback, not inside a library", () => {
    const stderr = [
      "Traceback (most recent call last):",
      '  File "/app/app.py", line 3, in <module>',
      "    matplotlib.use('TkAgg')",
      '  File "/usr/local/lib/python3.12/site-packages/matplotlib/__init__.py", line 1249, in use',
      "    plt.switch_backend(name)",
      "ImportError: Cannot load backend 'TkAgg'",
    ].join("\n");
    expect(crashLocation(stderr, "app.py")).toEqual({ file: "app.py", line: 3 });
    expect(crashLocation('  File "<frozen runpy>", line 88, in _run_code\nZeroDivisionError', "app.py")).toBeNull();
    expect(crashLocation("ModuleNotFoundError: No module named 'numpy'", "app.py")).toBeNull();
  });
});

describe("backendHint", () => {
  it("recognises an interactive backend on a headless machine", () => {
    const hint = backendHint("ImportError: Cannot load backend 'TkAgg' which requires the 'tk' interactive framework, as 'headless' is currently running");
    expect(hint?.found).toBe("matplotlib could not load the TkAgg backend: it needs a screen");
    expect(hint?.hint).toContain("Remove `matplotlib.use('TkAgg')`");
    expect(backendHint("_tkinter.TclError: no display name and no $DISPLAY environment variable")?.found).toContain("needs a screen");
    expect(backendHint("ModuleNotFoundError: No module named '_tkinter'")).not.toBeNull();
    expect(backendHint("ValueError: x")).toBeNull();
  });
});

describe("missingModuleHint", () => {
  it("points numpy and matplotlib at the pip line", () => {
    expect(missingModuleHint("Traceback …\nModuleNotFoundError: No module named 'numpy'\n", LORE)).toEqual({
      found: "ModuleNotFoundError: No module named 'numpy'",
      hint: "The image has no numpy: install it in the Dockerfile with `RUN pip install numpy matplotlib` (after FROM, before CMD), then rebuild.",
    });
    expect(missingModuleHint("ModuleNotFoundError: No module named 'matplotlib.pyplot'", LORE)?.found).toBe("ModuleNotFoundError: No module named 'matplotlib'");
    expect(missingModuleHint("ModuleNotFoundError: No module named 'pandas'", LORE)?.hint).toContain("add it to the Dockerfile's `RUN pip install` line");
    expect(missingModuleHint("NameError: name 'np' is not defined", LORE)).toBeNull();
  });
});

describe("cannotOpenHint", () => {
  const stderr = "python: can't open file '/app/app.py': [Errno 2] No such file or directory\n";
  it("names the .dockerignore pattern that dropped the app", () => {
    expect(cannotOpenHint(stderr, { dockerignoreExcluded: "*.py", appFile: "app.py", lore: LORE })).toEqual({
      found: "python could not open /app/app.py: the file is not in the image",
      hint: "The `.dockerignore` line `*.py` keeps app.py out of the build. Remove that line and rebuild.",
    });
  });
  it("names the app when CMD runs another file, and the COPY otherwise", () => {
    expect(cannotOpenHint(stderr, { dockerignoreExcluded: null, appFile: "main.py", lore: LORE })?.hint).toBe('CMD runs app.py, but the app is `main.py`. Make CMD run it: `CMD ["python", "main.py"]`.');
    expect(cannotOpenHint(stderr, NO_CONTEXT)?.hint).toContain("`COPY . /app`");
    expect(cannotOpenHint("boom", NO_CONTEXT)).toBeNull();
  });
});

describe("shellNotFoundHint", () => {
  it("recognises a CMD that is not JSON", () => {
    expect(shellNotFoundHint("/bin/sh: 1: [“python”,: not found\n", LORE)?.hint).toContain("CMD is not valid JSON");
    expect(shellNotFoundHint("/bin/sh: 1: pyhton: not found\n", LORE)?.hint).toBe("Check the command CMD runs: `pyhton` does not exist in the image.");
    expect(shellNotFoundHint("", LORE)).toBeNull();
  });
});

describe("diagnoseCrash", () => {
  it("tries the known causes and returns null for others", () => {
    expect(diagnoseCrash(CURLY, NO_CONTEXT)?.found).toContain("curly quotes");
    expect(diagnoseCrash("Traceback\nZeroDivisionError: division by zero\n", NO_CONTEXT)).toBeNull();
  });
});

describe("stderrTail", () => {
  it("keeps the last lines, bounded", () => {
    expect(stderrTail("a\nb\nc\n", 2)).toBe("b\nc");
    expect(stderrTail("x".repeat(50), 8, 10)).toBe(`…${"x".repeat(10)}`);
  });
});
