import type Dockerode from "dockerode";

// The engine here cannot put a quota on a container's writable layer (overlay2 on ext4; `--storage-opt
// size` needs xfs with pquota), so its size is watched instead: every interval the engine is asked how
// much the app has written (SizeRw), and an app past the bound is killed. The bound holds to within what
// the app can write in one interval.
export function watchDisk(handle: Dockerode.Container, limitBytes: number, intervalMs = 1_000): { stop(): void; exceeded(): number | null } {
  let exceeded: number | null = null;
  let busy = false;
  const timer = setInterval(async () => {
    if (busy || exceeded !== null) return;
    busy = true;
    try {
      // `size` is a query option of the API that the types do not list.
      const info = (await handle.inspect({ size: true } as Dockerode.ContainerInspectOptions)) as { SizeRw?: number };
      if ((info.SizeRw ?? 0) > limitBytes) {
        exceeded = info.SizeRw ?? limitBytes;
        await handle.kill().catch(() => undefined);
      }
    } catch {
      // gone already: nothing to watch
    } finally {
      busy = false;
    }
  }, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer), exceeded: () => exceeded };
}

export function diskMessage(written: number, limitBytes: number): string {
  const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;
  return `labgrade: the app wrote ${mb(written)} into its container, more than the ${mb(limitBytes)} it may, and was stopped.\n`;
}
