// A full-screen view on a terminal: the alternate screen with the cursor hidden, redrawn in place, and put
// back as it was on close — also when the process exits some other way (a second Ctrl-C exits at once).
const ENTER = "\x1b[?1049h\x1b[?25l";
const LEAVE = "\x1b[?25h\x1b[?1049l";
const HOME = "\x1b[H";
const CLEAR_LINE = "\x1b[K";
const CLEAR_BELOW = "\x1b[J";

export interface Screen {
  readonly width: number;
  readonly height: number;
  draw(lines: readonly string[]): void;
  /** Called with nothing when the terminal is resized; redraw then. */
  onResize(redraw: () => void): void;
  close(): void;
}

export function openScreen(out: NodeJS.WriteStream, proc: NodeJS.EventEmitter = process): Screen {
  let open = true;
  const resizers: Array<() => void> = [];
  const resized = () => resizers.forEach((redraw) => redraw());
  const close = () => {
    if (!open) return;
    open = false;
    out.off("resize", resized);
    proc.off("exit", close);
    out.write(LEAVE);
  };
  out.write(ENTER);
  out.on("resize", resized);
  proc.on("exit", close);
  return {
    get width() {
      return out.columns || 80;
    },
    get height() {
      return out.rows || 24;
    },
    draw(lines) {
      if (open) out.write(HOME + lines.map((line) => line + CLEAR_LINE).join("\r\n") + CLEAR_BELOW);
    },
    onResize(redraw) {
      resizers.push(redraw);
    },
    close,
  };
}
