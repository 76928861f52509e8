import os from "node:os";

const GIB = 1024 ** 3;
// What one grade needs beside its app's memory limit: the engine's builder, labgrade's own share.
const OVERHEAD_BYTES = 256 * 1024 ** 2;

// How many submissions to grade at once: one per core, but never more apps than the memory can hold
// at their limit (with a gigabyte kept for the machine), and at least one.
export function defaultConcurrency(appMemoryBytes: number, cores: number = os.availableParallelism(), memoryBytes: number = os.totalmem()): number {
  const byMemory = Math.floor((memoryBytes - GIB) / (appMemoryBytes + OVERHEAD_BYTES));
  return Math.max(1, Math.min(cores, byMemory));
}
