import cliProgress from "cli-progress";

/** One student finished, as the progress shows it. */
export interface Finished {
  student: string;
  status: "graded" | "rejected" | "error";
  score: number | null;
  maxScore: number;
  /** Taken from the journal of an earlier run, or the app's build shared with an earlier student. */
  reused: "journal" | "app" | null;
}

export interface ClassProgress {
  planned(total: number, alreadyGraded: number): void;
  finished(row: Finished): void;
  note(text: string): void;
  close(summary: string): void;
}

export interface ClassProgressOptions {
  stream?: NodeJS.WriteStream;
  now?: () => number;
}

// A class's progress: a bar with done/total, failures so far and an ETA on a terminal; a plain line per
// student in CI logs and pipes.
export function createClassProgress({ stream = process.stderr, now = Date.now }: ClassProgressOptions = {}): ClassProgress {
  const started = now();
  let total = 0;
  let done = 0;
  let fresh = 0;
  let errors = 0;
  let rejected = 0;
  const problems = () => [errors ? `${errors} error${errors === 1 ? "" : "s"}` : "", rejected ? `${rejected} rejected` : ""].filter(Boolean).join(", ") || "no problems";
  const eta = () => {
    if (!fresh || done >= total) return "";
    const seconds = Math.round((((now() - started) / fresh) * (total - done)) / 1000);
    return seconds >= 60 ? `${Math.floor(seconds / 60)}m ${seconds % 60}s` : `${seconds}s`;
  };
  const count = (row: Finished) => {
    done++;
    if (row.reused !== "journal") fresh++;
    if (row.status === "error") errors++;
    if (row.status === "rejected") rejected++;
  };
  if (!stream.isTTY) {
    return {
      planned(n, already) {
        total = n;
        stream.write(`grading ${n} submissions${already ? ` (${already} already graded in this folder's journal)` : ""}\n`);
      },
      finished(row) {
        count(row);
        const result = row.status === "graded" ? `${row.score}/${row.maxScore}` : row.status;
        const how = row.reused === "journal" ? " (journal)" : row.reused === "app" ? " (same app as another student: built once)" : "";
        const left = eta();
        stream.write(`[${done}/${total}] ${row.student}: ${result}${how} — ${problems()}${left ? `, about ${left} left` : ""}\n`);
      },
      note(text) {
        stream.write(`${text}\n`);
      },
      close(summary) {
        stream.write(`${summary}\n`);
      },
    };
  }
  const bar = new cliProgress.SingleBar(
    { format: "grading the class [{bar}] {value}/{total} | {problems} | ETA {left} | {last}", stream, hideCursor: true, clearOnComplete: false },
    cliProgress.Presets.shades_classic,
  );
  return {
    planned(n) {
      total = n;
      bar.start(n, 0, { problems: problems(), left: "…", last: "" });
    },
    finished(row) {
      count(row);
      bar.update(done, { problems: problems(), left: eta() || "…", last: row.student });
    },
    note(text) {
      bar.stop();
      stream.write(`${text}\n`);
      bar.start(total, done, { problems: problems(), left: eta() || "…", last: "" });
    },
    close(summary) {
      bar.stop();
      stream.write(`${summary}\n`);
    },
  };
}
