import { describe, expect, it } from "vitest";
import type { AppFolder } from "../../evidence/app-folder.ts";
import { readDockerfileFacts } from "../../dockerfile/dockerfile-facts.ts";
import type { AppLore } from "./app-lore.ts";
import { checkDockerfile } from "./dockerfile.ts";

const app: AppFolder = { dir: "/hand-in", dockerfile: { file: "Dockerfile", exact: true }, misses: [], candidates: [], files: ["Dockerfile", "server.py"], filesTruncated: false, pyFiles: ["server.py"], dockerignore: null, appScript: "server.py" };
const lore: AppLore = { tag: "tagapp", base: "python", baseExample: "python:3.12-slim", packages: [], pipLine: "RUN pip install <package>", script: "server.py", command: ["python", "server.py"], handoutLines: null, copyLine: "COPY . /app", workdirLine: "WORKDIR /app", buildStep: null, runStep: null, composeFile: null, composeStep: null };
const judge = (lines: string, command: true | string[] = ["python", "server.py"]) => checkDockerfile(app, readDockerfileFacts(`FROM python\nWORKDIR /app\nCOPY server.py .\n${lines}\n`), null, { command }, lore, {});

describe("dockerfile command as a list: exactly that exec-form command", () => {
  it("passes the exec form, in CMD or ENTRYPOINT or split between them", () => {
    expect(judge('CMD ["python", "server.py"]').status).toBe("passed");
    expect(judge('ENTRYPOINT ["python", "server.py"]').status).toBe("passed");
    expect(judge('ENTRYPOINT ["python"]\nCMD ["server.py"]').status).toBe("passed");
  });
  it("fails the shell form of the same words, and says to write the exec form", () => {
    expect(judge("CMD python server.py")).toMatchObject({
      status: "failed",
      message: 'Expected the exec form `CMD ["python", "server.py"]`; found `CMD python server.py` (line 4), the shell form, which Docker runs under `/bin/sh -c` instead of running the command itself.',
      hint: 'Write it in the exec form, a JSON list with straight double quotes: `CMD ["python", "server.py"]`.',
      location: { file: "Dockerfile", line: 4 },
    });
    expect(judge("ENTRYPOINT python server.py")).toMatchObject({ status: "failed", message: expect.stringContaining("found `ENTRYPOINT python server.py` (line 4), the shell form") });
    expect(judge('ENTRYPOINT ["python"]\nCMD server.py')).toMatchObject({ status: "failed", message: expect.stringContaining("found `CMD server.py` (line 5), the shell form") });
  });
  it("fails another exec-form command, naming it", () => {
    expect(judge('CMD ["python", "app.py"]')).toMatchObject({ status: "failed", message: 'Expected `CMD ["python", "server.py"]`; found `CMD ["python","app.py"]` (line 4).' });
  });
});

describe("dockerfile command: true", () => {
  it("passes a CMD in either form", () => {
    expect(judge("CMD python server.py", true).status).toBe("passed");
    expect(judge('CMD ["python", "server.py"]', true).status).toBe("passed");
  });
});
