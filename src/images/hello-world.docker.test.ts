import { execa } from "execa";
import { expect, it } from "vitest";
import { LABEL_MANAGED } from "../docker/labels.ts";

it("`docker run hello-world` prints what the real image prints first", async () => {
  const run = await execa("docker", ["run", "--rm", "--label", `${LABEL_MANAGED}=true`, "hello-world"], { reject: false, timeout: 60_000 });
  expect(run.exitCode).toBe(0);
  expect(run.stdout.split("\n").slice(0, 3)).toEqual(["", "Hello from Docker!", "This message shows that your installation appears to be working correctly."]);
});
