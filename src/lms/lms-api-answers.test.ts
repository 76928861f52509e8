import { describe, expect, it } from "vitest";
import { canvasApi } from "./canvas-api.ts";
import { createLmsHttp } from "./lms-http.ts";
import { moodleApi } from "./moodle-api.ts";

const TOKEN = "s3cr3t-token";

// An LMS that answers every request with the same status, body and headers (the token may be echoed).
function answering(status: number, body: string, headers: Record<string, string> = {}) {
  const fetch = (async () => new Response(body, { status, headers })) as unknown as typeof globalThis.fetch;
  return createLmsHttp("LMS", { fetch, sleep: async () => {}, secrets: [TOKEN], retries: 0 });
}

describe("answers an LMS's API gives that are not what it documents", () => {
  it("Canvas: a server error on update_grades may have been done, so the advice is to run the same command again", async () => {
    const api = canvasApi("https://canvas.example.edu", "7", "12345", TOKEN, answering(502, "<html>Bad Gateway</html>", { "content-type": "text/html" }));
    const error = await api.updateGrades([{ userId: "1001", postedGrade: 90 }]).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "LMS_FAILED", message: expect.stringMatching(/^Expected Canvas to take 1 grades of assignment 12345; it answered 502/) });
    expect((error as { hint: string }).hint).toMatch(/^It may or may not have been done: run the same command again/);
  });

  it("an HTML page instead of JSON: the address, the status, the content type and the first line, without the token", async () => {
    const page = `\n<!DOCTYPE html>\n<html><head><title>Single Sign-On ${TOKEN}</title></head><body>Log in</body></html>`;
    const canvas = canvasApi("https://canvas.example.edu", "7", "12345", TOKEN, answering(200, page, { "content-type": "text/html; charset=utf-8" }));
    const error = await canvas.assignment().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "LMS_FAILED", message: 'Expected Canvas to return assignment 12345 of course 7 in JSON; https://canvas.example.edu/api/v1/courses/7/assignments/12345 answered 200 (text/html; charset=utf-8) starting "<!DOCTYPE html>", a page titled "Single Sign-On …".' });
    expect((error as { hint: string }).hint).toMatch(/Check --url.*single sign-on page means the token is not accepted/);
    const moodle = moodleApi("https://lms.example.edu/moodle", TOKEN, answering(200, "<p>This site is undergoing maintenance</p>", { "content-type": "text/html" }));
    await expect(moodle.participants("41")).rejects.toThrow(/^Expected Moodle to list the participants of assignment 41 in JSON; https:\/\/lms\.example\.edu\/moodle\/webservice\/rest\/server\.php answered 200 \(text\/html\) starting "<p>This site is undergoing maintenance<\/p>"\.$/);
    await expect(moodle.uploadDraft("r.html", Buffer.from("x"), "text/html")).rejects.toThrow(/^Expected Moodle to store r\.html in a draft area in JSON; .*webservice\/upload\.php answered 200/);
  });

  it("Moodle: an exception's message is scrubbed of the token like everything else", async () => {
    const moodle = moodleApi("https://lms.example.edu/moodle", TOKEN, answering(200, JSON.stringify({ exception: "moodle_exception", errorcode: "invalidtoken", message: `Invalid token ${TOKEN}` })));
    const error = await moodle.participants("41").catch((e: unknown) => e);
    expect((error as Error).message).toBe("Expected Moodle to list the participants of assignment 41; mod_assign_list_participants answered invalidtoken: Invalid token ….");
  });
});
