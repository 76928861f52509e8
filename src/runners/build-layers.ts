// The classic builder prints ` ---> <id>` after each step: the image that step made, or (after
// ` ---> Using cache`) one it reused, or (after `FROM`) the base. The images a build made carry no labels
// of labgrade's, and a failed, timed-out or cancelled build leaves them untagged: this is how they are
// found again, to be removed. Reused and base images are never reported: they are someone else's.
export class BuildLayers {
  private partial = "";
  private skipNext = false;
  private step = "";

  /** Told each image made, with the step that made it as the log names it (`RUN pip install numpy`). */
  constructor(private readonly onCreated: (id: string, step: string) => void) {}

  /** Feeds a piece of the build's output; pieces may split lines anywhere. */
  feed(text: string): void {
    const lines = (this.partial + text).split("\n");
    this.partial = lines.pop() ?? "";
    for (const line of lines) this.line(line.replace(/\r$/, ""));
  }

  private line(line: string): void {
    const step = /^Step \d+\/\d+ : (.*)$/.exec(line);
    if (step) this.step = step[1]!.replace(/\s+/g, " ").trim();
    if (/^Step \d+\/\d+ : FROM\s/i.test(line) || /^ ---> Using cache$/.test(line)) {
      this.skipNext = true;
      return;
    }
    const made = /^ ---> ([0-9a-f]{12,64})$/.exec(line);
    if (!made) return;
    if (!this.skipNext) this.onCreated(made[1]!, this.step);
    this.skipNext = false;
  }
}
