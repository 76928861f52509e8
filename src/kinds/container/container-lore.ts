import type { ContainerSpec } from "./container-spec.ts";

/** What a whole lab says of one named container: the image it comes from and the handout's commands for it. */
export interface ContainerLore {
  name: string;
  image: string | undefined;
  /** How to make it: the handout's `create` command, else its `run` command, else a plain `docker run`. */
  create: string;
  /** How to start it. */
  start: string;
  /** Made with `create` and started apart (`docker container start`), rather than with one `docker run`. */
  startsApart: boolean;
}

// Every step that names the container says something of it; the first to say a thing is taken.
export function containerLore(name: string, specs: readonly ContainerSpec[]): ContainerLore {
  const about = specs.filter((s) => s.name === name);
  const first = <K extends keyof ContainerSpec>(key: K): ContainerSpec[K] | undefined => about.find((s) => s[key] !== undefined)?.[key];
  const image = first("image");
  const created = first("create");
  const run = first("run");
  const flags = `${first("interactive") ? " -i" : ""}${first("tty") ? " -t" : ""}`;
  const startsApart = created !== undefined || run === undefined;
  return {
    name,
    image,
    create: created ?? run ?? `docker container create${flags} --name ${name} ${image ?? "IMAGE"}`,
    start: first("start") ?? `docker container start ${name}`,
    startsApart,
  };
}
