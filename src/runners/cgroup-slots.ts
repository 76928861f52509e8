import { buildCgroupName } from "./build-cgroup.ts";

/** A cgroup name for one build, and a way to say it could not be removed after it (it is then never used again). */
export interface CgroupSlot {
  name: string;
  retire(): void;
}

// BuildKit puts a build's `--cgroup-parent` into the cache key of each of its RUN steps: a new cgroup name per build
// (the classic builder's way) made every build install pip again, 7 s a student on the containerd store. A slot is
// a cgroup name of this process's that one build at a time uses, made before the build and removed after it as
// before; builds at once take different slots, lowest free first, so a class's builds share the names of its
// first builds and their cached steps. Each build still has a cgroup of its own, bounding it alone.
export class CgroupSlots {
  private readonly busy = new Set<number>();
  private readonly retired = new Set<number>();

  constructor(private readonly tag: string = buildCgroupName().split("-").at(-1)!) {}

  async with<T>(work: (slot: CgroupSlot) => Promise<T>): Promise<T> {
    let n = 0;
    while (this.busy.has(n) || this.retired.has(n)) n++;
    this.busy.add(n);
    try {
      return await work({ name: buildCgroupName(process.pid, `${this.tag}s${n}`), retire: () => this.retired.add(n) });
    } finally {
      this.busy.delete(n);
    }
  }
}
