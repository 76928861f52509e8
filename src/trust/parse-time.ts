// Engine times are RFC 3339 with up to nine fractional digits and any offset ("…T09:13:30.225348711Z",
// "…T10:13:30+01:00"); Go's zero time (0001-01-01) means never. Milliseconds are all a check needs.
const RFC3339 = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:?\d{2})$/i;

export function parseTime(value: string | null | undefined): number | null {
  if (!value) return null;
  const match = RFC3339.exec(value.trim());
  if (!match) {
    const loose = Date.parse(value);
    return Number.isNaN(loose) ? null : loose;
  }
  const [, whole, fraction = "", zone = "Z"] = match;
  if (whole!.startsWith("0001-01-01")) return null;
  const ms = Date.parse(`${whole}.${fraction.padEnd(3, "0").slice(0, 3)}${zone!.toUpperCase() === "Z" ? "Z" : zone!.replace(/^([+-]\d{2})(\d{2})$/, "$1:$2")}`);
  return Number.isNaN(ms) ? null : ms;
}

export function showTime(ms: number): string {
  return new Date(ms).toISOString();
}
