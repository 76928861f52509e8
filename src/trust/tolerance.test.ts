import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { deriveFacts } from "../evidence/derive-facts.ts";
import { evidenceDigest } from "../evidence/digest.ts";
import type { Evidence, EvidenceFileV2 } from "../evidence/evidence-file-v2.ts";
import { snapshotOf } from "../evidence/evidence-file.ts";
import { FIXTURES } from "../../testing/fixtures.ts";
import { apiVersionOf } from "./api-versions.ts";
import { assessEvidence } from "./assess-evidence.ts";
import { parseTime } from "./parse-time.ts";
import { HANDOUT_TRUST } from "../../testing/lab/lab-steps.ts";

const NOW = new Date("2026-12-04T12:00:00Z");
const walk = (name: string) => JSON.parse(readFileSync(path.join(FIXTURES, "evidence-v2/genuine", name, "evidence.json"), "utf8")) as EvidenceFileV2;

// What another engine would have written: the raw documents changed as that engine writes them, the facts
// derived again from them the way collect does, and the digest made again.
function asAnotherEngine(file: EvidenceFileV2, change: (f: EvidenceFileV2) => void): Evidence {
  const f = structuredClone(file);
  change(f);
  const logs = new Map(f.containers.map((c) => [c.id, { text: c.logs, truncated: c.logsTruncated }]));
  Object.assign(f, deriveFacts(f.raw!, (id) => logs.get(id) ?? { text: "", truncated: false }));
  f.digest = evidenceDigest(f);
  return { format: 2, snapshot: snapshotOf(f), file: f };
}

const clean = (evidence: Evidence) => expect(assessEvidence(evidence, { now: NOW, lab: HANDOUT_TRUST })).toEqual({ level: "collected", reasons: [] });

// No false flags: what real engines differ in must never read as a forgery.
describe("tolerance of real engines", () => {
  it("20.10's <none>:<none> for an untagged image and newer engines' []", () => {
    clean(asAnotherEngine(walk("full-walk"), (f) => {
      f.raw!.imageList.push({ ...f.raw!.imageList[0]!, Id: `sha256:${"ab".repeat(32)}`, RepoTags: ["<none>:<none>"] });
      f.raw!.images.push({ ...f.raw!.images[0]!, Id: `sha256:${"ab".repeat(32)}`, RepoTags: [] });
    }));
  });
  it("times written with an offset and with fewer fractional digits", () => {
    // The same instant on a clock an hour ahead of UTC, to the millisecond: 09:28:13.909+01:00.
    const plusOne = (time: unknown) => new Date(Date.parse(String(time)) + 3_600_000).toISOString().replace("Z", "+01:00");
    clean(asAnotherEngine(walk("full-walk"), (f) => {
      for (const doc of f.raw!.containers) doc.Created = plusOne(doc.Created);
      f.raw!.info.SystemTime = plusOne(f.raw!.info.SystemTime);
    }));
  });
  it("a never-started container's 0001-01-01 times", () => {
    const evidence = asAnotherEngine(walk("never-started"), () => undefined);
    const mycontainer = evidence.snapshot.containers.find((c) => c.name === "mycontainer")!;
    expect(mycontainer.everStarted).toBe(false);
    clean(evidence);
  });
  it("the containerd image store, where an image id is the index digest and removal only untags", () => {
    clean(asAnotherEngine(walk("full-walk"), (f) => {
      for (const doc of f.raw!.images) doc.Descriptor = { mediaType: "application/vnd.oci.image.index.v1+json", digest: doc.Id, size: 1234 };
    }));
  });
  // The engine makes its default bridge anew each time it starts: its Created says when (engine-start.ts).
  const restartedAfterTheLab = (f: EvidenceFileV2) => {
    const last = Math.max(...f.raw!.containers.map((c) => Date.parse(String(c.Created))));
    f.raw!.networks = [{ Name: "bridge", Driver: "bridge", Id: "f".repeat(64), Created: new Date(last + 60_000).toISOString() }];
  };
  it("an engine restarted since the lab, whose buffer holds no event yet", () => {
    clean(asAnotherEngine(walk("wrong-name"), (f) => {
      restartedAfterTheLab(f);
      f.raw!.events = { since: "0", until: "1", events: [], truncated: false, received: 0 };
    }));
  });
  it("an engine restarted since the lab: its events begin after the containers were made", () => {
    clean(asAnotherEngine(walk("full-walk"), (f) => {
      restartedAfterTheLab(f);
      const events = f.raw!.events!;
      events.events = events.events.filter((e) => e.Type === "container" && e.Action === "die").slice(-1);
    }));
  });
  it("an engine whose buffer of 256 events let the lab's go (labgrade's own runs fill it)", () => {
    clean(asAnotherEngine(walk("full-walk-26-overlay2"), (f) => {
      const events = f.raw!.events!;
      events.events = events.events.slice(-2);
      events.received = 256;
    }));
  });
  it("containers on the host's network, sharing another's, logging to journald, and running", () => {
    clean(asAnotherEngine(walk("full-walk"), (f) => {
      const [a, b, c] = f.raw!.containers as Array<Record<string, Record<string, unknown>>>;
      a!.HostConfig!.NetworkMode = "host";
      a!.NetworkSettings!.SandboxKey = String(a!.NetworkSettings!.SandboxKey).replace(/[^/]+$/, "default");
      b!.HostConfig!.NetworkMode = `container:${String(c!.Id)}`;
      for (const field of ["ResolvConfPath", "HostnamePath", "HostsPath"]) (b as Record<string, unknown>)[field] = (c as Record<string, unknown>)[field];
      (c as Record<string, unknown>).LogPath = "";
      Object.assign(c!.State!, { Status: "running", Running: true, FinishedAt: "0001-01-01T00:00:00Z" });
    }));
  });
  it("a container made and another removed while collect was reading", () => {
    clean(asAnotherEngine(walk("full-walk"), (f) => {
      const during = Date.parse(String(f.raw!.info.SystemTime)) + 500;
      const at = (ms: number) => ({ time: Math.floor(ms / 1000), timeNano: ms * 1e6 });
      const mycontainer = f.raw!.containers.find((c) => c.Name === "/mycontainer")!;
      f.raw!.events!.events.push(
        { Type: "container", Action: "create", Actor: { ID: "e".repeat(64), Attributes: { name: "late", image: "hello-world" } }, ...at(during) },
        { Type: "container", Action: "destroy", Actor: { ID: mycontainer.Id, Attributes: { name: "mycontainer", image: "hello-world" } }, ...at(during + 100) },
      );
    }));
  });
  it("a hello-world release whose image is gone, run once", () => {
    clean(asAnotherEngine(walk("images-kept"), (f) => {
      const mycontainer = f.raw!.containers.find((c) => c.Name === "/mycontainer")!;
      f.raw!.containers = f.raw!.containers.filter((c) => c !== mycontainer);
      // As if it had been removed before the buffer's start: none of its events.
      f.raw!.events!.events = f.raw!.events!.events.filter((e) => (e.Actor as { ID: string }).ID !== mycontainer.Id);
      const hello = f.raw!.containers.find((c) => (c.Config as { Image: string }).Image === "hello-world")!;
      hello.Image = "sha256:d2c94e258dcb3c5ac2798d32e1249e42ef01cba4841c2234249495f87264ac5a";

    }));
  });
  it("Docker releases after the table, and Podman's own numbering", () => {
    expect(apiVersionOf("20.10.24+dfsg1")).toBe("1.41");
    expect(apiVersionOf("28.5.2")).toBe("1.51");
    expect(apiVersionOf("26.1.5+dfsg1")).toBe("1.45");
    expect(apiVersionOf("31.0.0")).toBe("newer");
    expect(apiVersionOf("29.9.1")).toBe("newer");
    expect(apiVersionOf("4.9.3")).toBeNull();
    clean(asAnotherEngine(walk("full-walk"), (f) => Object.assign(f.raw!.version, { Version: "4.9.3", ApiVersion: "1.41" }, f.raw!.info.ServerVersion = "4.9.3")));
  });
});

describe("engine times", () => {
  it("reads nanoseconds, offsets and Go's zero time", () => {
    expect(parseTime("2026-11-28T00:56:31.747590909Z")).toBe(Date.parse("2026-11-28T00:56:31.747Z"));
    expect(parseTime("2026-11-28T01:56:31.7+01:00")).toBe(Date.parse("2026-11-28T00:56:31.700Z"));
    expect(parseTime("2026-11-28T00:56:31Z")).toBe(Date.parse("2026-11-28T00:56:31Z"));
    expect(parseTime("0001-01-01T00:00:00Z")).toBeNull();
    expect(parseTime(null)).toBeNull();
  });
});

describe("tolerance of an engine with live restore", () => {
  it("a restart that kept the bridge, a container running through it", () => {
    clean(asAnotherEngine(walk("full-walk-26.1-overlay2"), (f) => {
      f.raw!.info.LiveRestoreEnabled = true;
      const events = f.raw!.events!;
      events.events = [];
      events.received = 0;
      const run = f.raw!.containers.find((c) => c.Name === "/mycontainer")!;
      Object.assign(run.State as object, { Status: "running", Running: true, FinishedAt: "0001-01-01T00:00:00Z" });
    }));
  });
});
