import { describe, expect, it } from "vitest";
import { container, network, snapshot, volume } from "../../testing/lab/snapshot-builder.ts";
import { checkNetwork } from "./network.ts";
import { checkVolume } from "./volume.ts";

const writer = (over = {}) => container({ name: "writer", image: "python", mounts: [{ type: "volume", name: "labdata", source: "/var/lib/docker/volumes/labdata/_data", destination: "/data", readOnly: false }], ...over });

describe("volume", () => {
  it("passes a volume of that name, mounted where the lab says", () => {
    expect(checkVolume(snapshot({ volumes: [volume("labdata")], containers: [writer()] }), { name: "labdata", used_by: { container: "writer", target: "/data" } }, {})).toEqual({ status: "passed", message: "Found the volume `labdata`, mounted at /data in `writer`." });
  });
  it("names a near miss and says a volume cannot be renamed", () => {
    expect(checkVolume(snapshot({ volumes: [volume("lab-data")] }), { name: "labdata" }, {})).toMatchObject({ status: "failed", message: "Expected a volume named `labdata`; found `lab-data`.", hint: "Create it with its exact name: `docker volume create labdata` (volumes cannot be renamed)." });
    expect(checkVolume(snapshot({ volumes: [] }), { name: "labdata", create: "docker volume create --label lab labdata" }, {})).toMatchObject({ hint: "Create it: `docker volume create --label lab labdata`." });
  });
  it("says an anonymous volume for what it is when the container mounted no named one", () => {
    const anonymous = writer({ mounts: [{ type: "volume", name: "b".repeat(64), source: "/v", destination: "/data", readOnly: false }] });
    const result = checkVolume(snapshot({ volumes: [volume("labdata"), volume("b".repeat(64))], containers: [anonymous] }), { name: "labdata", used_by: { container: "writer", target: "/data" } }, {});
    expect(result).toMatchObject({ status: "failed", message: `Expected the volume \`labdata\` mounted at /data in \`writer\`; found \`writer\` with the volume \`${"b".repeat(12)}\` at /data.` });
    expect(result.hint).toContain("a path without a name makes an anonymous volume");
  });
  it("expects a volume gone, and says which containers hold it", () => {
    expect(checkVolume(snapshot({ volumes: [] }), { name: "labdata", present: false }, {}).status).toBe("passed");
    expect(checkVolume(snapshot({ volumes: [volume("labdata")], containers: [writer()] }), { name: "labdata", present: false }, {})).toMatchObject({ status: "failed", hint: "Remove the containers that use it first (`docker rm writer`), then `docker volume rm labdata`." });
  });
  it("lets the lab's hint replace its own, with the found name filled in", () => {
    expect(checkVolume(snapshot({ volumes: [volume("lab-data")] }), { name: "labdata" }, { hints: { missing: "You made {found}; we wanted {name}." } }).hint).toBe("You made lab-data; we wanted labdata.");
  });
});

describe("network", () => {
  const onLabnet = (name: string) => container({ name, networks: [{ name: "labnet", aliases: [] }] });
  it("passes a user-defined network with its containers attached", () => {
    expect(checkNetwork(snapshot({ networks: [network("bridge"), network("labnet")], containers: [onLabnet("server"), onLabnet("client")] }), { name: "labnet", driver: "bridge", containers: ["server", "client"] }, {})).toEqual({ status: "passed", message: "Found the network `labnet` (bridge), with `server` and `client` attached." });
  });
  it("says only the engine's own networks are there, and how to create it", () => {
    expect(checkNetwork(snapshot({ networks: [network("bridge"), network("host", { driver: "host" }), network("none", { driver: "null" })] }), { name: "labnet" }, {})).toMatchObject({ status: "failed", message: "Expected a network named `labnet`; found only the engine's own (bridge, host, none).", hint: "Create it: `docker network create labnet`." });
  });
  it("names the network a container is on instead, and how to attach it", () => {
    const result = checkNetwork(snapshot({ networks: [network("labnet")], containers: [onLabnet("server"), container({ name: "client", networks: [{ name: "bridge", aliases: [] }] })] }), { name: "labnet", containers: ["server", "client"] }, {});
    expect(result).toMatchObject({ status: "failed", message: "Expected `client` attached to the network `labnet`; found it on `bridge`.", hint: "Attach it: `docker network connect labnet client` (or run it with `--network labnet`)." });
  });
  it("holds the driver and internal", () => {
    expect(checkNetwork(snapshot({ networks: [network("labnet", { driver: "overlay" })] }), { name: "labnet", driver: "bridge" }, {}).message).toBe("Expected the network `labnet` to use the bridge driver; found overlay.");
    expect(checkNetwork(snapshot({ networks: [network("labnet")] }), { name: "labnet", internal: true }, {}).status).toBe("failed");
  });
});
