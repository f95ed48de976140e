import type { EventMatcher } from '../analysis-types.js';
import type { RetentionResult } from '../retention.js';
import type { RetentionSpec } from '../retention-spec.js';
import type { FixtureEvent } from './events-fixture.js';
import { dayOf } from './reference-values.js';

const matches = (m: EventMatcher, e: FixtureEvent): boolean =>
  e.event === m.event && (m.where ?? []).every((f) => e.properties !== null && e.properties[f.property] === f.equals);

/** The calendar bucket index of a day (days, Monday weeks or months since the epoch). */
function bucket(period: RetentionSpec['period'], day: string): number {
  const days = Date.parse(`${day}T00:00:00Z`) / 86_400_000;
  if (period === 'day') return days;
  if (period === 'week') return Math.floor((days + 3) / 7); // 1970-01-01 was a Thursday
  return Number(day.slice(0, 4)) * 12 + Number(day.slice(5, 7)) - 1;
}

function bucketDay(period: RetentionSpec['period'], index: number): string {
  if (period === 'day') return dayOf(index * 86_400_000);
  if (period === 'week') return dayOf((index * 7 - 3) * 86_400_000);
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}

/**
 * Retention by brute force: every user's start and return buckets, counted
 * per cohort; null for periods starting after the last day of any event.
 */
export function referenceRetention(all: FixtureEvent[], spec: RetentionSpec): RetentionResult {
  const observedThrough = all.length === 0 ? null : dayOf(Math.max(...all.map((e) => e.ts)));
  const lastBucket = observedThrough === null ? -Infinity : bucket(spec.period, observedThrough);
  const { from, to } = spec.range ?? {};
  const inRange = (day: string): boolean => (!from || day >= from) && (!to || day <= to);
  const users = new Set(all.filter((e) => e.user !== null).map((e) => e.user!));
  const cohorts = new Map<number, number[][]>(); // cohort bucket -> per user, return buckets
  for (const user of users) {
    const evs = all.filter((e) => e.user === user);
    const starts = evs.filter((e) => matches(spec.startEvent, e)).map((e) => dayOf(e.ts));
    const returns = new Set(evs.filter((e) => !spec.returnEvent || matches(spec.returnEvent, e)).map((e) => bucket(spec.period, dayOf(e.ts))));
    let mine: number[];
    if ((spec.cohortType ?? 'first_time') === 'first_time') {
      const first = starts.sort()[0];
      mine = first !== undefined && inRange(first) ? [bucket(spec.period, first)] : [];
    } else {
      mine = [...new Set(starts.filter(inRange).map((d) => bucket(spec.period, d)))];
    }
    for (const c of mine) cohorts.set(c, [...(cohorts.get(c) ?? []), [...returns].filter((r) => r > c).map((r) => r - c)]);
  }
  const list = [...cohorts.entries()].sort((a, b) => a[0] - b[0]).map(([c, members]) => {
    const retained: Array<number | null> = [members.length];
    for (let k = 1; k <= spec.periods; k++) {
      if (c + k > lastBucket) retained.push(null);
      else retained.push(members.filter((ks) => ((spec.mode ?? 'on') === 'on' ? ks.includes(k) : ks.some((x) => x >= k))).length);
    }
    return { cohort: bucketDay(spec.period, c), users: members.length, retained, rates: retained.map((x) => (x === null ? null : x / members.length)) };
  });
  return { cohorts: list, observedThrough };
}
