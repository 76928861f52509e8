import { Readable } from "node:stream";
import { expect, it } from "vitest";
import { followStream } from "./follow.ts";

it("hands on every event and returns the daemon's error detail", async () => {
  const lines = ['{"stream":"Step 1/2 : FROM python\\n"}', "", '{"stream":"Step 2/2 : RUN false\\n"}', '{"errorDetail":{"message":"The command \'/bin/sh -c false\' returned a non-zero code: 1"},"error":"x"}'];
  const seen: string[] = [];
  const outcome = await followStream(Readable.from(lines.join("\n")), (e) => seen.push(e.stream ?? "error"));
  expect(seen).toEqual(["Step 1/2 : FROM python\n", "Step 2/2 : RUN false\n", "error"]);
  expect(outcome.error).toBe("The command '/bin/sh -c false' returned a non-zero code: 1");
});
