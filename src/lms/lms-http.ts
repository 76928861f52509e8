import { HarnessError } from "../errors.ts";

/** How labgrade talks to an LMS's API: the clock, the network and the secrets are parameters, for the tests. */
export interface LmsHttpOptions {
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  /** Tries after the first, for a request the LMS turned away (rate limit) or, when safe to repeat, one that failed. */
  retries?: number;
  /** The first wait; each retry waits twice as long, up to a minute, or what Retry-After says. */
  backoffMs?: number;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Told each wait, for the instructor: "Canvas asked to slow down: waiting 4 s". */
  onWait?: (text: string) => void;
  /** The clock a Retry-After date is counted from (ms since the epoch). */
  now?: () => number;
  /** Never shown in a message: the token, wherever a server might echo it. */
  secrets: readonly string[];
}

export interface LmsRequest {
  method: "GET" | "POST" | "PUT";
  url: string;
  headers?: Record<string, string>;
  body?: string | URLSearchParams | FormData;
  /** Safe to send twice (a read, or a write that sets a value): retried after a failure whose outcome is unknown. */
  idempotent: boolean;
  /** Whether to follow a redirect (Canvas's upload answers with one to confirm). */
  redirect?: "follow" | "manual";
}

export interface LmsResponse {
  status: number;
  headers: Headers;
  text: string;
  /** The text as a message may show it: the secrets taken out. */
  shown: string;
}

/** For a write whose outcome is unknown (no answer, or a server error): what the instructor does next. */
export const OUTCOME_UNKNOWN_HINT = "It may or may not have been done: run the same command again, and labgrade reads what the LMS has before sending anything.";

// Canvas turns a throttled request away before doing anything (doc/api/throttling.md): "403 Forbidden (Rate Limit
// Exceeded)", with X-Rate-Limit-Remaining. 429 is the general HTTP word for it.
const throttled = (status: number, text: string): boolean => status === 429 || (status === 403 && /Rate Limit Exceeded/i.test(text));
// Below this much quota left, a pause before the next request lets Canvas's quota refill (it does faster than real time).
const LOW_QUOTA = 100;

export function createLmsHttp(lms: string, options: LmsHttpOptions): (request: LmsRequest) => Promise<LmsResponse> {
  const doFetch = options.fetch ?? fetch;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const retries = options.retries ?? 6;
  const backoff = options.backoffMs ?? 1000;
  const now = options.now ?? Date.now;
  const scrub = (text: string): string => options.secrets.reduce((t, secret) => (secret ? t.split(secret).join("…") : t), text);
  let pauseNext = 0;

  return async function send(request: LmsRequest): Promise<LmsResponse> {
    const where = `${request.method} ${new URL(request.url).pathname}`;
    for (let attempt = 0; ; attempt++) {
      if (pauseNext > 0) {
        options.onWait?.(`${lms}'s rate limit is nearly used up: waiting ${Math.round(pauseNext / 1000)} s`);
        await sleep(pauseNext);
        pauseNext = 0;
      }
      let response: Response;
      try {
        const signals = [AbortSignal.timeout(options.timeoutMs ?? 60_000), ...(options.signal ? [options.signal] : [])];
        response = await doFetch(request.url, { method: request.method, headers: request.headers, body: request.body, redirect: request.redirect ?? "follow", signal: AbortSignal.any(signals) });
      } catch (error) {
        if (options.signal?.aborted) throw error;
        const why = scrub((error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : (error as Error).message);
        if (!request.idempotent || attempt >= retries) throw failed(`${where} got no answer (${why})`, request.idempotent ? "It was tried again and again; check the address and the network, then run the same command again: what was pushed is in the journal." : OUTCOME_UNKNOWN_HINT);
        await wait(attempt, null, `${lms} did not answer ${where} (${why})`);
        continue;
      }
      const text = await response.text();
      const remaining = Number(response.headers.get("x-rate-limit-remaining") ?? Number.NaN);
      const turnedAway = throttled(response.status, text);
      if (Number.isFinite(remaining) && remaining < LOW_QUOTA && !turnedAway) pauseNext = backoff;
      if (turnedAway || (request.idempotent && response.status >= 500)) {
        if (attempt >= retries) throw failed(`${where} was turned away ${attempt + 1} times (${response.status}: ${scrub(text.slice(0, 200)).trim()})`, `Wait a few minutes and run the same command again: what was pushed is in the journal.`);
        await wait(attempt, response.headers.get("retry-after"), turnedAway ? `${lms} asked to slow down (${response.status})` : `${lms} answered ${response.status} to ${where}`);
        continue;
      }
      return { status: response.status, headers: response.headers, text, shown: scrub(text) };
    }
  };

  async function wait(attempt: number, retryAfter: string | null, why: string): Promise<void> {
    const asked = retryAfterMs(retryAfter, now());
    const ms = asked !== null && asked > 0 ? asked : Math.min(backoff * 2 ** attempt, 60_000);
    options.onWait?.(`${why}: waiting ${Math.round(ms / 100) / 10} s, then trying again`);
    await sleep(ms);
  }

  function failed(message: string, hint: string): HarnessError {
    return new HarnessError("LMS_FAILED", scrub(`${lms}: ${message}.`), hint);
  }
}

// Retry-After (RFC 9110 §10.2.3): delay-seconds ("7") or an HTTP-date ("Fri, 04 Dec 2026 10:12:30 GMT"), as ms to
// wait from `now`; null when absent or unreadable.
export function retryAfterMs(value: string | null, now: number): number | null {
  const text = value?.trim() ?? "";
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = text === "" ? Number.NaN : Date.parse(text);
  return Number.isFinite(at) ? at - now : null;
}

// An answer that is not what the API documents: said with the request and the status, never the token.
export function unexpected(lms: string, what: string, response: LmsResponse, hint: string): HarnessError {
  const body = response.shown.replace(/\s+/g, " ").trim().slice(0, 300);
  return new HarnessError("LMS_FAILED", `Expected ${lms} to ${what}; it answered ${response.status}${body ? `: ${body}` : ""}.`, hint);
}
