import { describe, expect, it } from "vitest";
import { createLmsHttp, type LmsHttpOptions } from "./lms-http.ts";

// A server that answers each request in turn from a script: a status and body, or a network failure.
function scripted(answers: Array<[number, string, Record<string, string>?] | "network">, extra: Partial<LmsHttpOptions> = {}) {
  const seen: string[] = [];
  const waits: number[] = [];
  const fetch = (async (url: string, init: RequestInit) => {
    seen.push(`${init.method} ${url}`);
    const next = answers.shift() ?? [200, "{}"];
    if (next === "network") throw new TypeError("fetch failed", { cause: new Error("connect ECONNREFUSED 127.0.0.1:9") });
    return new Response(next[1], { status: next[0], headers: next[2] ?? {} });
  }) as typeof globalThis.fetch;
  const options: LmsHttpOptions = { fetch, sleep: async (ms) => void waits.push(ms), secrets: ["s3cr3t-token"], backoffMs: 1000, retries: 3, ...extra };
  return { send: createLmsHttp("Canvas", options), seen, waits };
}

describe("requests to an LMS", () => {
  it("waits and tries again when Canvas throttles, a POST too (it was turned away before anything was done)", async () => {
    const { send, waits } = scripted([[403, "403 Forbidden (Rate Limit Exceeded)\n", { "X-Rate-Limit-Remaining": "0.0" }], [429, "slow down", { "Retry-After": "7" }], [200, "{\"ok\":1}"]]);
    const response = await send({ method: "POST", url: "https://c.example/api/v1/x", idempotent: false });
    expect(response.text).toBe('{"ok":1}');
    expect(waits).toEqual([1000, 7000]);
  });

  it("waits as long as a Retry-After given as an HTTP date says (RFC 9110 §10.2.3)", async () => {
    const now = Date.parse("2026-12-05T09:00:00Z");
    const answers = scripted([[429, "", { "Retry-After": new Date(now + 30_000).toUTCString() }], [503, "", { "Retry-After": "Thu, 01 Jan 1970 00:00:00 GMT" }], [200, "{}"]], { now: () => now });
    await answers.send({ method: "GET", url: "https://c.example/a", idempotent: true });
    // 30 s from the date; a date in the past asks for nothing, so the usual backoff (1 s doubled) applies.
    expect(answers.waits).toEqual([30_000, 2000]);
  });

  it("tries a read again after a failure, but never a write whose outcome is unknown", async () => {
    const read = scripted(["network", [502, "bad gateway"], [200, "[]"]]);
    expect((await read.send({ method: "GET", url: "https://c.example/a", idempotent: true })).status).toBe(200);
    expect(read.waits).toEqual([1000, 2000]);
    const write = scripted(["network"]);
    await expect(write.send({ method: "POST", url: "https://c.example/api/v1/update_grades", idempotent: false })).rejects.toThrow(/Canvas: POST \/api\/v1\/update_grades got no answer \(connect ECONNREFUSED/);
    expect(write.seen).toHaveLength(1);
    const fail = scripted([[500, "oops"]]);
    expect((await fail.send({ method: "POST", url: "https://c.example/w", idempotent: false })).status).toBe(500);
  });

  it("gives up after its retries, saying what to do", async () => {
    const { send, seen } = scripted([[429, ""], [429, ""], [429, ""], [429, ""], [429, ""]]);
    await expect(send({ method: "GET", url: "https://c.example/a", idempotent: true })).rejects.toThrow(/was turned away 4 times \(429/);
    expect(seen).toHaveLength(4);
  });

  it("pauses before the next request when the quota left is low", async () => {
    const { send, waits } = scripted([[200, "{}", { "X-Rate-Limit-Remaining": "42.5" }], [200, "{}"]]);
    await send({ method: "GET", url: "https://c.example/a", idempotent: true });
    expect(waits).toEqual([]);
    await send({ method: "GET", url: "https://c.example/b", idempotent: true });
    expect(waits).toEqual([1000]);
  });

  it("keeps the token out of what it shows, even when the server echoes it", async () => {
    const { send } = scripted([[400, "bad token s3cr3t-token given"]]);
    const response = await send({ method: "GET", url: "https://c.example/a", idempotent: true });
    expect(response.shown).toBe("bad token … given");
    const refused = scripted(Array.from({ length: 5 }, () => [503, "s3cr3t-token"] as [number, string]));
    await expect(refused.send({ method: "GET", url: "https://c.example/a", idempotent: true })).rejects.toThrow(/^(?!.*s3cr3t)/s);
  });
});
