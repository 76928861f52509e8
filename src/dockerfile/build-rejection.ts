// The classic builder reads the whole Dockerfile before it prints a line, so a Dockerfile it cannot read comes back
// as an HTTP error of the build call (400; 500 on old engines), which dockerode throws, not as the build stream's
// errorDetail: "(HTTP code 400) unexpected - dockerfile parse error line 4: unknown instruction: RUNN ".
// That refusal is the student's Dockerfile failing to build; any other error of the call is the engine's.
const REFUSALS = [
  /dockerfile parse error/i,
  /unknown instruction: /i,
  /unknown flag: /i,
  /\b[A-Z]+ requires (?:exactly|at least|either) /,
  /\bno build stage in current context/i,
  /\bdockerfile (?:\(.*\) )?(?:cannot|may not) be empty/i,
  /\bbase name \(.*\) should not be blank/i,
  /\binvalid reference format/i,
  /\bfailed to process "/i,
  /\binvalid name for build stage/i,
  /\bduplicate (?:stage )?name/i,
  /\bunexpected end of statement while looking for matching/i,
  /\bempty continuation lines? /i,
];

// Not the Dockerfile: the tag labgrade asked for, or options it passed.
const HARNESS = /is not a valid repository\/tag/i;

// The engine's own words when it refused the Dockerfile, or null when the error is the engine's or labgrade's.
export function dockerfileRejection(error: unknown): string | null {
  if (!(error instanceof Error) || typeof (error as { statusCode?: unknown }).statusCode !== "number") return null;
  const text = error.message.replace(/^\(HTTP code \d+\) [^-]*- /, "").trim();
  return REFUSALS.some((refusal) => refusal.test(text)) && !HARNESS.test(text) ? text : null;
}
