// A path from the journal, relative to the class output folder, as a URL for href/src in summary.html; null when it
// is not one. Refused: empty, absolute (/x, \x, //host), any `..` segment, any colon (javascript:, file:, C:) and
// any control character (a URL parser drops tabs and newlines, so "java\tscript:" would become a scheme).
// Each segment is percent-encoded because a file name is not a URL: `#`, `?`, `%` and spaces stay part of the name.
// eslint-disable-next-line no-control-regex
const REFUSED = /[\u0000-\u001f\u007f-\u009f:]/;

export function relativeHref(path: string | null): string | null {
  if (path === null || path === "" || REFUSED.test(path)) return null;
  // Backslash is a separator too: browsers read it as "/" and a Windows grader writes it.
  const segments = path.split(/[\\/]/);
  if (segments[0] === "" || segments.includes("..")) return null;
  const kept = segments.filter((segment) => segment !== "" && segment !== ".");
  return kept.length === 0 ? null : kept.map(encodeURIComponent).join("/");
}
