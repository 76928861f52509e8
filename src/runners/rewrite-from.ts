// Points the student's `FROM python[:tag]` at labgrade's private copy, keeping every other line (and so
// every line number in the daemon's errors) as the student wrote it.
const FROM_PYTHON = /^(\s*FROM\s+(?:--platform=\S+\s+)?)((?:docker\.io\/)?(?:library\/)?python(?::[\w.-]+)?(?:@sha256:[0-9a-f]+)?)(?=\s|$)/i;

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
