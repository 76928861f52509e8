import { EventEmitter } from "node:events";
import { expect, it } from "vitest";
import { openScreen } from "./terminal-screen.ts";

function fakeTerminal() {
  const out = Object.assign(new EventEmitter(), { written: "", columns: 90, rows: 20, write(text: string) { out.written += text; return true; } });
  return out;
}

it("takes the alternate screen with the cursor hidden, redraws in place, and gives both back once", () => {
  const out = fakeTerminal();
  const proc = new EventEmitter();
  const screen = openScreen(out as unknown as NodeJS.WriteStream, proc);
  expect(out.written).toBe("\x1b[?1049h\x1b[?25l");
  expect([screen.width, screen.height]).toEqual([90, 20]);
  screen.draw(["a", "b"]);
  expect(out.written.endsWith("\x1b[Ha\x1b[K\r\nb\x1b[K\x1b[J")).toBe(true);
  let redrawn = 0;
  screen.onResize(() => redrawn++);
  out.emit("resize");
  expect(redrawn).toBe(1);
  screen.close();
  screen.close();
  proc.emit("exit");
  expect(out.written.split("\x1b[?1049l")).toHaveLength(2);
  expect(out.written.endsWith("\x1b[?25h\x1b[?1049l")).toBe(true);
  screen.draw(["after"]);
  expect(out.written).not.toContain("after");
});

it("gives the terminal back when the process exits without closing it (a second Ctrl-C exits at once)", () => {
  const out = fakeTerminal();
  const proc = new EventEmitter();
  openScreen(out as unknown as NodeJS.WriteStream, proc);
  proc.emit("exit");
  expect(out.written.endsWith("\x1b[?25h\x1b[?1049l")).toBe(true);
});
