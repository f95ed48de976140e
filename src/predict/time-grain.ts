import type { Grain } from './forecast-config.js';

const MS_PER_DAY = 86_400_000;

/**
 * The UTC day number (days since 1970-01-01) of a time value as warehouses
 * return it (`'YYYY-MM-DD'` for DATE, a Date for TIMESTAMP), or undefined
 * when it is not a time.
 */
export function dayNumber(value: unknown): number | undefined {
  if (value instanceof Date) return Number.isFinite(value.getTime()) ? Math.floor(value.getTime() / MS_PER_DAY) : undefined;
  if (typeof value === 'string') {
    const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
    return Number.isFinite(ms) ? Math.floor(ms / MS_PER_DAY) : undefined;
  }
  return undefined;
}

/** Maps days to period numbers and back for one grain. Weeks start on `weekAnchor`'s weekday. */
export interface PeriodCalendar {
  grain: Grain;
  index(day: number): number;
  /** The first day of period `index`, as a UTC-midnight Date. */
  start(index: number): Date;
}

/** A calendar for `grain`; weeks are anchored on the weekday of `weekAnchor` (a day number). */
export function periodCalendar(grain: Grain, weekAnchor = 0): PeriodCalendar {
  if (grain === 'day') return { grain, index: (d) => d, start: (i) => new Date(i * MS_PER_DAY) };
  if (grain === 'week') {
    const offset = ((weekAnchor % 7) + 7) % 7;
    return { grain, index: (d) => Math.floor((d - offset) / 7), start: (i) => new Date((i * 7 + offset) * MS_PER_DAY) };
  }
  return {
    grain,
    index: (d) => {
      const date = new Date(d * MS_PER_DAY);
      return date.getUTCFullYear() * 12 + date.getUTCMonth();
    },
    start: (i) => new Date(Date.UTC(Math.floor(i / 12), i % 12, 1)),
  };
}

/**
 * The grain of a set of days: `month` when every day is a month's first and
 * the smallest gap is at least 28 days, `week` when every gap is a multiple of
 * 7, else `day`. Fewer than two distinct days: `day`.
 */
export function inferGrain(days: readonly number[]): Grain {
  const distinct = [...new Set(days)].sort((a, b) => a - b);
  if (distinct.length < 2) return 'day';
  let minGap = Infinity;
  let allWeeks = true;
  for (let i = 1; i < distinct.length; i++) {
    const gap = distinct[i]! - distinct[i - 1]!;
    minGap = Math.min(minGap, gap);
    if (gap % 7 !== 0) allWeeks = false;
  }
  const firsts = distinct.every((d) => new Date(d * MS_PER_DAY).getUTCDate() === 1);
  if (firsts && minGap >= 28) return 'month';
  if (allWeeks) return 'week';
  return 'day';
}

/** Periods in one year at a grain (the yearly season length). */
export function periodsPerYear(grain: Grain): number {
  return grain === 'day' ? 365 : grain === 'week' ? 52 : 12;
}

/**
 * Default seasonal periods for a series of `length` periods: day -> weekly (7)
 * once there are two weeks, plus yearly (365) with two years; week -> 52 and
 * month -> 12 with two years of history. Explicit periods are kept only when
 * the series covers two full cycles of them (MSTL needs that).
 */
export function seasonalPeriodsFor(grain: Grain, length: number, explicit: readonly number[] | undefined): number[] {
  const wanted = explicit ?? (grain === 'day' ? [7, 365] : [periodsPerYear(grain)]);
  return [...new Set(wanted)].filter((p) => length >= 2 * p).sort((a, b) => a - b);
}
