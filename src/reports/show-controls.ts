// Student text (names, entries, reasons, messages) can carry terminal escapes and other invisible characters.
// Shown as `\x1b`, `\x07` … the instructor sees what was there, and nothing can recolour a terminal that cats the
// CSV, vanish from the JUnit file (XML 1.0 forbids these even as &#x1b;) or hide inside a cell. Newline and tab stay:
// messages span lines. Bidi embeddings, overrides and isolates are shown too: they can make one id read as another.
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

const visible = (c: string): string => {
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
};

export function showControls(text: string): string {
  return text.replace(INVISIBLE, visible);
}
