import { Writable } from "node:stream";

// Two sinks (stdout, stderr) sharing one byte budget: what is over the cap is counted, not kept.
export class CappedOutput {
  private readonly chunks = { stdout: [] as Buffer[], stderr: [] as Buffer[] };
  private kept = 0;
  dropped = 0;

  constructor(private readonly capBytes: number) {}

  sink(stream: "stdout" | "stderr"): Writable {
    return new Writable({
      write: (chunk: Buffer, _encoding, done) => {
        const room = Math.max(0, this.capBytes - this.kept);
        if (room > 0) this.chunks[stream].push(chunk.subarray(0, room));
        this.kept += Math.min(room, chunk.length);
        this.dropped += Math.max(0, chunk.length - room);
        done();
      },
    });
  }

  text(stream: "stdout" | "stderr"): string {
    return Buffer.concat(this.chunks[stream]).toString("utf8");
  }
}
