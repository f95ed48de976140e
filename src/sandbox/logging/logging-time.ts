/**
 * Log entry times at microsecond precision: entries carry RFC 3339 UTC
 * timestamps with six fractional digits, and filters compare RFC 3339
 * strings (any offset, up to nanoseconds, truncated to microseconds here).
 */

/** Microseconds since the epoch from epoch ms. */
export function msToMicros(ms: number): number {
  return ms * 1000;
}

/** RFC 3339 UTC with microseconds (`2025-01-01T00:00:12.345678Z`). */
export function formatMicros(micros: number): string {
  const ms = Math.floor(micros / 1000);
  const iso = new Date(ms).toISOString();
  const frac = String(micros - Math.floor(micros / 1_000_000) * 1_000_000).padStart(6, '0');
  return `${iso.slice(0, 19)}.${frac}Z`;
}

const RFC3339 = /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?([Zz]|[+-]\d{2}:\d{2})$/;

/** Parses an RFC 3339 timestamp (or a bare date, as midnight UTC) to microseconds; undefined when malformed. */
export function parseRfc3339Micros(text: string): number | undefined {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text;
  const m = RFC3339.exec(date);
  if (!m) return undefined;
  const zone = m[4] === 'z' ? 'Z' : (m[4] ?? 'Z');
  const seconds = Date.parse(`${m[1] ?? ''}T${m[2] ?? ''}${zone}`);
  if (Number.isNaN(seconds)) return undefined;
  const frac = (m[3] ?? '').padEnd(6, '0').slice(0, 6);
  return seconds * 1000 + Number(frac);
}
