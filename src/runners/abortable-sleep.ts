// Waits `ms`, or less when `signal` aborts. Its abort listener goes with the wait: the CLI's one signal is shared by
// every grade of a run (`lab check --fixtures`, a class), and a listener left per grade passes Node's bound of 10
// (MaxListenersExceededWarning) and keeps each grade's closure alive.
export function sleepUnlessAborted(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    if (signal?.aborted) return done();
    signal?.addEventListener("abort", done, { once: true });
  });
}
