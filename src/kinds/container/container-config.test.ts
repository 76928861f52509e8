import { describe, expect, it } from "vitest";
import { container, snapshot } from "../../../testing/lab/snapshot-builder.ts";
import { checkAnyContainer } from "./any-container.ts";
import { containerLore } from "./container-lore.ts";
import { checkNamedContainer } from "./named-container.ts";
import type { ContainerSpec } from "./container-spec.ts";

const web = (over = {}) =>
  container({
    name: "web",
    image: "python",
    status: "running",
    exitCode: null,
    mounts: [{ type: "bind", name: null, source: "/run/desktop/mnt/host/c/Users/ana/lab/site", destination: "/site", readOnly: true }],
    networks: [{ name: "labnet", aliases: ["www"] }],
    env: ["PATH=/usr/bin", "MODE=production"],
    ports: [{ container: "8000/tcp", host: "8080" }],
    restart: "unless-stopped",
    labels: {},
    ...over,
  });
const spec: ContainerSpec & { name: string } = {
  name: "web",
  mounts: [{ bind: "site", target: "/site", read_only: true }],
  networks: [{ name: "labnet", aliases: ["www"] }],
  env: { MODE: "production" },
  ports: [{ container: 8000, host: 8080 }],
  restart: "unless-stopped",
  state: "running",
  run: "docker run -d --name web -p 8080:8000 python",
};
const named = (c: ReturnType<typeof web>, s: ContainerSpec & { name: string } = spec) => checkNamedContainer(snapshot({ containers: [c] }), s, containerLore("web", [s]), {});

describe("a container's mounts, networks, environment, ports and restart policy", () => {
  it("passes a container made as the spec says (a Windows folder's last parts match the bind)", () => {
    expect(named(web())).toEqual({ status: "passed", message: "Found `web`, created from python with the folder `site` bind-mounted at /site (read-only), on the network labnet as www, with MODE=production, publishing port 8000 on host port 8080, restarting unless-stopped; it is running." });
  });
  it.each([
    [{ mounts: [] }, "Expected `web` to have the folder `site` bind-mounted at /site (read-only); found no mount."],
    [{ networks: [{ name: "bridge", aliases: [] }] }, "Expected `web` to be attached to the network `labnet`; found it on `bridge`."],
    [{ networks: [{ name: "labnet", aliases: [] }] }, "Expected `web` to be reached as `www` on `labnet`; found no alias there."],
    [{ env: ["MODE=dev"] }, "Expected `web` to have MODE=production in its environment; found `MODE=dev`."],
    [{ ports: [{ container: "8000/tcp", host: "9090" }] }, "Expected `web` to publish port 8000 on host port 8080; found it publishes port 8000 on host port 9090."],
    [{ restart: "no" }, "Expected `web` to have the restart policy `unless-stopped`; found `no`."],
    [{ mounts: undefined, networks: undefined }, "Expected `web` to show its mounts and networks; found an evidence file from an older labgrade, which does not record them."],
  ])("says what differs (%o)", (over, message) => {
    expect(named(web(over))).toMatchObject({ status: "failed", message });
  });
  it("offers a fix that needs no new container where there is one", () => {
    expect(named(web({ restart: "no" })).hint).toBe("Run `docker update --restart unless-stopped web`, or recreate it: `docker rm -f web`, then `docker run -d --name web -p 8080:8000 python`.");
  });
  it("asks for the evidence again when the file does not record what the step reads", () => {
    const old = container({ name: "web" });
    expect(named(old)).toMatchObject({ status: "failed", hint: "Collect the evidence again with the current labgrade: `npx labgrade collect -o evidence.json`." });
  });
  it("finds any container that fits, among others that do not", () => {
    const any = { image: "python", mounts: [{ volume: "labdata", target: "/data" }], exit_code: 0, run: "docker run -v labdata:/data python true" };
    const fits = container({ name: "a", image: "python", mounts: [{ type: "volume", name: "labdata", source: "/v", destination: "/data", readOnly: false }] });
    const not = container({ name: "b", image: "python", mounts: [] });
    expect(checkAnyContainer(snapshot({ containers: [not, fits] }), any, [], {})).toEqual({ status: "passed", message: "Found container `a`, made from python: it exited 0 and was made with the volume `labdata` at /data." });
    expect(checkAnyContainer(snapshot({ containers: [not] }), any, [], {})).toMatchObject({ status: "failed", message: "Expected a python container with the volume `labdata` at /data; found `b`, with no mount." });
  });
});
