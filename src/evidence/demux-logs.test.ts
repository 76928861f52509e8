import { describe, expect, it } from "vitest";
import { demuxLogs } from "./demux-logs.ts";

const frame = (stream: 0 | 1 | 2, text: string): Buffer => {
  const payload = Buffer.from(text, "utf8");
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
};

describe("demuxLogs", () => {
  it("joins stdout and stderr frames in the order written", () => {
    const buf = Buffer.concat([frame(1, "Hello from Docker!\n"), frame(2, "oops\n"), frame(1, "bye\n")]);
    expect(demuxLogs(buf, false, 1024)).toEqual({ text: "Hello from Docker!\noops\nbye\n", truncated: false });
  });
  it("reads a TTY container's stream raw", () => {
    expect(demuxLogs(Buffer.from("\r\nHello from Docker!\r\n"), true, 1024)).toEqual({ text: "\r\nHello from Docker!\r\n", truncated: false });
  });
  it("keeps at most maxBytes and says so", () => {
    const buf = Buffer.concat([frame(1, "abcdef"), frame(1, "ghij")]);
    expect(demuxLogs(buf, false, 8)).toEqual({ text: "abcdefgh", truncated: true });
    expect(demuxLogs(Buffer.from("abcdef"), true, 3)).toEqual({ text: "abc", truncated: true });
    expect(demuxLogs(buf, false, 10)).toEqual({ text: "abcdefghij", truncated: false });
  });
  it("does not split a multi-byte character at the cut", () => {
    expect(demuxLogs(frame(1, "x²y"), false, 2)).toEqual({ text: "x", truncated: true });
  });
  it("keeps a frame cut short and raw bytes that are not frames", () => {
    const short = frame(1, "Hello from Docker!").subarray(0, 8 + 5);
    expect(demuxLogs(short, false, 1024).text).toBe("Hello");
    expect(demuxLogs(Buffer.concat([frame(1, "a"), Buffer.from("plain text")]), false, 1024).text).toBe("aplain text");
  });
  it("reads an empty stream as empty", () => {
    expect(demuxLogs(Buffer.alloc(0), false, 1024)).toEqual({ text: "", truncated: false });
  });
});
