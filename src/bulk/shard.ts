import { createHash } from "node:crypto";
import { InvalidArgumentError } from "commander";

export interface Shard {
  /** 1-based, as the command line spells it. */
  index: number;
  count: number;
}

// `--shard K/N`: the K-th of N slices of a class.
export function parseShard(raw: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(raw.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) {
    throw new InvalidArgumentError(`Expected --shard K/N with 1 ≤ K ≤ N (for example 2/4), got "${raw}".`);
  }
  return { index, count };
}

// Each student falls in exactly one shard, by a hash of their id: stable across runs and machines,
// whatever order the export lists them in.
export function inShard(student: string, shard: Shard | undefined): boolean {
  if (!shard || shard.count === 1) return true;
  const bucket = createHash("sha256").update(student, "utf8").digest().readUInt32BE(0) % shard.count;
  return bucket === shard.index - 1;
}
