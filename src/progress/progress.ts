import cliProgress from "cli-progress";

// Shows how far a long job has come: a bar on a terminal, a line per stage in a log (CI, pipes).
export interface Progress {
  stage(name: string, fraction?: number): void;
  done(summary: string): void;
}

export interface ProgressOptions {
  title: string;
  stream?: NodeJS.WriteStream;
  now?: () => number;
}

export function createProgress({ title, stream = process.stderr, now = Date.now }: ProgressOptions): Progress {
  const started = now();
  const elapsed = () => `${Math.round((now() - started) / 1000)}s`;
  if (!stream.isTTY) {
    let last = "";
    return {
      stage(name) {
        if (name === last) return;
        last = name;
        stream.write(`${title}: ${name} (${elapsed()})\n`);
      },
      done(summary) {
        stream.write(`${title}: ${summary} (${elapsed()})\n`);
      },
    };
  }
  const bar = new cliProgress.SingleBar(
    { format: `${title} [{bar}] {percentage}% | {stage} | {duration_formatted}`, stream, hideCursor: true, clearOnComplete: false },
    cliProgress.Presets.shades_classic,
  );
  bar.start(100, 0, { stage: "starting" });
  let value = 0;
  return {
    stage(name, fraction) {
      if (fraction !== undefined) value = Math.max(value, Math.min(99, Math.round(fraction * 100)));
      bar.update(value, { stage: name });
    },
    done(summary) {
      bar.update(100, { stage: summary });
      bar.stop();
    },
  };
}

export const silentProgress: Progress = { stage() {}, done() {} };
