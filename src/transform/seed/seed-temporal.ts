/**
 * Date and timestamp recognition for seeds.
 *
 * Dates follow dbt's agate `Date(date_format='%Y-%m-%d')`: a 4-digit year and
 * 1- or 2-digit month and day (`2024-01-05`, `2024-1-5`), valid calendar days only.
 * Other layouts (`01/05/2024`, `5 Jan 2024`) are text, as in dbt.
 *
 * Timestamps accept `YYYY-MM-DD` then `T` or a space, `HH:MM` with optional
 * `:SS` and fraction (`.` or `,`), and an optional zone (`Z`, `±HH`, `±HHMM`,
 * `±HH:MM`). dbt accepts the space form only as `%Y-%m-%d %H:%M:%S` (no
 * fraction, no zone) and ISO 8601 only with `T`; Basin accepts the union.
 */

const DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const TIMESTAMP =
  /^(\d{4})-(\d{1,2})-(\d{1,2})[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?:(Z)|([+-])(\d{2})(?::?(\d{2}))?)?$/;

/** A recognised timestamp. */
export interface SeedTimestamp {
  /** The instant. Without a zone, the wall-clock time is read as UTC. */
  value: Date;
  /** True when the text carried a zone designator. */
  zoned: boolean;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function validDate(year: number, month: number, day: number): boolean {
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Parses `YYYY-MM-DD` (1- or 2-digit month/day); returns the zero-padded date or undefined. */
export function parseSeedDate(raw: string): string | undefined {
  const m = DATE.exec(raw.trim());
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!validDate(y, mo, d)) return undefined;
  return `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}`;
}

/** Parses a timestamp as described above, or returns undefined. Fractions beyond milliseconds are truncated. */
export function parseSeedTimestamp(raw: string): SeedTimestamp | undefined {
  const m = TIMESTAMP.exec(raw.trim());
  if (!m) return undefined;
  const [y, mo, d, h, mi] = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5])];
  const s = m[6] === undefined ? 0 : Number(m[6]);
  if (!validDate(y, mo, d) || h > 23 || mi > 59 || s > 59) return undefined;
  const ms = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0'));
  let offsetMinutes = 0;
  const zoned = m[8] !== undefined || m[9] !== undefined;
  if (m[9] !== undefined) {
    const oh = Number(m[10]);
    const om = m[11] === undefined ? 0 : Number(m[11]);
    if (oh > 23 || om > 59) return undefined;
    offsetMinutes = (m[9] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const value = new Date(0);
  value.setUTCFullYear(y, mo - 1, d);
  value.setUTCHours(h, mi, s, ms);
  value.setTime(value.getTime() - offsetMinutes * 60_000);
  return { value, zoned };
}

