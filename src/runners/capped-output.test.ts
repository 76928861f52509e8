import { expect, it } from "vitest";
import { CappedOutput } from "./capped-output.ts";

it("keeps output up to the cap across both streams and counts the rest", async () => {
  const out = new CappedOutput(10);
  const write = (s: "stdout" | "stderr", text: string) => new Promise<void>((r) => out.sink(s).write(Buffer.from(text), () => r()));
  await write("stdout", "hello ");
  await write("stderr", "world!!");
  await write("stdout", "more");
  expect(out.text("stdout")).toBe("hello ");
  expect(out.text("stderr")).toBe("worl");
  expect(out.dropped).toBe(7);
});
