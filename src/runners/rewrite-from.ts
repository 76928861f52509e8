// Points the student's `FROM python[:tag]` at labgrade's private copy, keeping every other line (and so
// every line number in the daemon's errors) as the student wrote it.
// The keyword is case-insensitive, the image name is not: Docker rejects `FROM Python`, and so must grading.
const FROM_PYTHON = /^(\s*[Ff][Rr][Oo][Mm]\s+(?:--platform=\S+\s+)?)((?:(?:index\.)?docker\.io\/)?(?:library\/)?python(?::[\w.-]+)?(?:@sha256:[0-9a-f]+)?)(?=\s|$)/;

export function rewriteFromPython(dockerfile: string, privateTag: string): { text: string; rewritten: number } {
  let rewritten = 0;
  const text = dockerfile
    .split("\n")
    .map((line) =>
      line.replace(FROM_PYTHON, (_all, head: string) => {
        rewritten++;
        return head + privateTag;
      }),
    )
    .join("\n");
  return { text, rewritten };
}

// Whether a FROM image is one that rewriteFromPython points at labgrade's private copy.
export function isRewrittenBase(image: string): boolean {
  return FROM_PYTHON.test(`FROM ${image}`);
}
