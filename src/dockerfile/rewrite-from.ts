import { type FromFact, readDockerfileFacts } from "./dockerfile-facts.ts";
import { isDockerHubLibrary } from "./image-ref.ts";
import { PYTHON } from "../images/lab-images.ts";

// Points the student's FROM lines that build on Docker Hub's python (any tag or digest, any spelling of the Hub,
// after the ARGs declared before the first FROM: `FROM python:${PY_VERSION}`) at labgrade's private copy. Only the
// image word changes: `--platform`, `AS name` and every line number in the daemon's errors stay as the student wrote them.
export function rewriteFromPython(dockerfile: string, privateTag: string): { text: string; rewritten: number } {
  const targets = readDockerfileFacts(dockerfile).from.filter(isPythonBase);
  let text = dockerfile;
  for (const { span } of [...targets].reverse()) {
    text = text.slice(0, span.start) + privateTag + keptLineBreaks(text.slice(span.start, span.end)) + text.slice(span.end);
  }
  return { text, rewritten: targets.length };
}

// Whether a FROM is one that rewriteFromPython points at labgrade's private copy. A stage named `python` is not.
export function isPythonBase(from: FromFact): boolean {
  return from.base.kind === "image" && isDockerHubLibrary(from.base.ref, PYTHON.name);
}

// An image word split over lines (`pyt\` newline `hon`) keeps its continuations, so no line moves.
function keptLineBreaks(word: string): string {
  return [...word.matchAll(/(\S)[ \t]*(\r\n|\n|\r)/g)].map(([, escape, newline]) => ` ${escape}${newline}`).join("");
}
