import { HarnessError } from "../errors.ts";
import type { LmsResponse } from "./lms-http.ts";

// What an answer that is not JSON most likely is, and what to do about it.
const NOT_JSON_HINT = "Check --url: it must be the LMS's own address (Moodle: up to its folder), not a portal or a login page's. A login or single sign-on page means the token is not accepted at that address; a maintenance page means trying again later; PHP notices before the JSON are for the LMS's administrator.";

// An LMS answer read as the JSON its API documents; anything else (an HTML error, login or maintenance page, PHP
// notices before the JSON) is said with the address, the status, the content type and the first line of the body,
// the token scrubbed out, never as a bare parser error.
export function lmsJson<T>(lms: string, url: string, response: LmsResponse, what: string): T {
  try {
    // Canvas may prefix JSON with `while(1);` against JSON hijacking (doc/api/README.md).
    return JSON.parse(response.text.replace(/^while\(1\);/, "")) as T;
  } catch {
    const where = new URL(url);
    const type = response.headers.get("content-type") ?? "no content type";
    const first = response.shown.split(/\r?\n/).map((line) => line.trim()).find((line) => line !== "") ?? "";
    const line = first.length > 160 ? `${first.slice(0, 160)}…` : first;
    const title = /<title[^>]*>([^<]*)<\/title>/i.exec(response.shown)?.[1]?.replace(/\s+/g, " ").trim();
    throw new HarnessError("LMS_FAILED", `Expected ${lms} to ${what} in JSON; ${where.origin}${where.pathname} answered ${response.status} (${type})${line ? ` starting "${line}"` : " with an empty body"}${title ? `, a page titled "${title}"` : ""}.`, NOT_JSON_HINT);
  }
}
