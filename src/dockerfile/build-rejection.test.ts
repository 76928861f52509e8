import { describe, expect, it } from "vitest";
import { dockerfileRejection } from "./build-rejection.ts";

// What dockerode throws for an HTTP error of POST /build (docker-modem's buildPayload).
const httpError = (statusCode: number, message: string) => Object.assign(new Error(`(HTTP code ${statusCode}) ${statusCode === 500 ? "server error" : "unexpected"} - ${message} `), { statusCode, json: null });

describe("dockerfileRejection", () => {
  it.each([
    "dockerfile parse error line 4: unknown instruction: RUNN",
    "Dockerfile parse error line 4: unknown instruction: RUNN",
    "dockerfile parse error on line 4: unknown instruction: RUNN (did you mean run?)",
    "dockerfile parse error line 3: Unknown flag: chmod",
    "dockerfile parse error on line 3: unknown flag: --chmod",
    "dockerfile parse error line 1: ARG requires exactly one argument",
    "dockerfile parse error line 5: COPY requires at least two arguments, but only one was provided. Destination could not be determined.",
    "dockerfile parse error line 1: FROM requires either one or three arguments",
    "no build stage in current context",
    "the Dockerfile (Dockerfile) cannot be empty",
    "invalid reference format: repository name must be lowercase",
    "base name (${PY_VERSION}) should not be blank",
    "Empty continuation line found in:\n    RUN exit. Empty continuation lines will become errors in a future release.",
  ])("is the student's Dockerfile: %s", (message) => {
    expect(dockerfileRejection(httpError(400, message))).toBe(message);
  });

  it("reads old engines' 500 the same way", () => {
    expect(dockerfileRejection(httpError(500, "Dockerfile parse error line 2: unknown instruction: PIP"))).toBe("Dockerfile parse error line 2: unknown instruction: PIP");
  });

  it("leaves the engine's and labgrade's failures to be errors", () => {
    expect(dockerfileRejection(httpError(500, "write /var/lib/docker/tmp/docker-builder1/app.py: no space left on device"))).toBeNull();
    expect(dockerfileRejection(httpError(400, "minimum memory limit allowed is 6MB"))).toBeNull();
    expect(dockerfileRejection(httpError(400, 'Error parsing reference: "labgrade/app:X Y" is not a valid repository/tag: invalid reference format'))).toBeNull();
    expect(dockerfileRejection(Object.assign(new Error("connect ECONNREFUSED /var/run/docker.sock"), { code: "ECONNREFUSED" }))).toBeNull();
    expect(dockerfileRejection(new Error("dockerfile parse error line 4: unknown instruction: RUNN"))).toBeNull();
    expect(dockerfileRejection("dockerfile parse error line 4: unknown instruction: RUNN")).toBeNull();
  });
});
