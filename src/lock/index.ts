export { type LockFile, type LockHolder, readLockFile } from "./lock-holder.ts";
export { type HeldLock, type LockOptions, takeLock, withLock } from "./output-lock.ts";
export { processIsAlive } from "./process-alive.ts";
