import { describe, expect, it } from "vitest";
import { hoistPipInstalls, pureNameInstall, withOriginalLines } from "./hoist-pip.ts";

const HANDOUT = 'FROM python\nWORKDIR /app\nCOPY . /app\nRUN pip install numpy matplotlib\nCMD ["python", "app.py"]\n';

describe("hoistPipInstalls", () => {
  it("builds the handout's pip install before the COPY, so one install serves every student", () => {
    const { text, hoisted } = hoistPipInstalls(HANDOUT);
    expect(text).toBe('FROM python\nWORKDIR /app\nRUN pip install numpy matplotlib\nCOPY . /app\nCMD ["python", "app.py"]\n');
    expect(hoisted).toEqual([{ step: "RUN pip install numpy matplotlib" }]);
  });

  it("moves a continued RUN whole, above every COPY and ADD of the run before it", () => {
    const { text } = hoistPipInstalls("FROM python\nCOPY app.py /app/\nADD data.csv /app/\nRUN pip install \\\n    numpy \\\n    matplotlib==3.8.0\nCMD python /app/app.py\n");
    expect(text).toBe("FROM python\nRUN pip install \\\n    numpy \\\n    matplotlib==3.8.0\nCOPY app.py /app/\nADD data.csv /app/\nCMD python /app/app.py\n");
  });

  it("gives the daemon's line numbers back as the student wrote them", () => {
    const { originalLine } = hoistPipInstalls(HANDOUT);
    expect(withOriginalLines("dockerfile parse error line 3: unknown flag", originalLine)).toBe("dockerfile parse error line 4: unknown flag");
    expect(withOriginalLines("line 4 and line 1", originalLine)).toBe("line 3 and line 1");
  });

  it("leaves alone what may read the copied files or the steps between", () => {
    for (const dockerfile of [
      "FROM python\nCOPY . /app\nRUN pip install -r /app/requirements.txt\n",
      "FROM python\nCOPY . /app\nRUN pip install /app\n",
      "FROM python\nCOPY . /app\nRUN pip install numpy && python /app/setup.py\n",
      "FROM python\nCOPY . /app\nENV PIP_INDEX_URL=http://x\nRUN pip install numpy\n",
      "FROM python\nCOPY . /app\nRUN pip install $PKGS\n",
      "FROM python\nCOPY . /app\nRUNN pip install numpy\n",
      "FROM python\nRUN pip install numpy\nCOPY . /app\n",
      "FROM python\nWORKDIR /app\nCOPY . .\nRUN python -m pip install numpy\n",
    ]) {
      expect(hoistPipInstalls(dockerfile)).toMatchObject({ text: dockerfile, hoisted: [] });
    }
  });
});

describe("pureNameInstall", () => {
  it.each(["pip install numpy matplotlib", "pip3 install -q --no-cache-dir numpy", "pip install 'matplotlib>=3' numpy[extra]", "pip install -U numpy"])("%s names packages only", (args) => {
    expect(pureNameInstall(args)).toBe(true);
  });
  it.each(["pip install -r requirements.txt", "pip install .", "pip install ./pkg", "pip install -e .", "pip install --upgrade", "pip install numpy; rm -rf /", "pip download numpy"])("%s does not", (args) => {
    expect(pureNameInstall(args)).toBe(false);
  });
});
