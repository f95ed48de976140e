import type { ActiveUsersDay, StickinessPeriod } from '../active-users.js';
import type { ActiveUsersSpec, StickinessSpec } from '../active-users-spec.js';
import type { PathRow } from '../paths.js';
import type { PathsSpec } from '../paths-spec.js';
import type { FixtureEvent } from './events-fixture.js';
import { dayOf } from './reference-values.js';

const DAY = 86_400_000;
const dayMs = (day: string): number => Date.parse(`${day}T00:00:00Z`);
const isActivity = (spec: { event?: ActiveUsersSpec['event'] }, e: FixtureEvent): boolean =>
  e.user !== null && (!spec.event || (e.event === spec.event.event && (spec.event.where ?? []).every((f) => e.properties?.[f.property] === f.equals)));

/** DAU/WAU/MAU by brute force: for every day, the distinct users of each window. */
export function referenceActiveUsers(all: FixtureEvent[], spec: ActiveUsersSpec): ActiveUsersDay[] {
  const out: ActiveUsersDay[] = [];
  const activity = all.filter((e) => isActivity(spec, e));
  for (let d = dayMs(spec.range.from); d <= dayMs(spec.range.to); d += DAY) {
    const within = (days: number): number => new Set(activity.filter((e) => e.ts >= d - (days - 1) * DAY && e.ts < d + DAY).map((e) => e.user)).size;
    out.push({ day: dayOf(d), dau: within(1), wau: within(7), mau: within(30) });
  }
  return out;
}

/** Stickiness by brute force: per user and period, the active days inside the range. */
export function referenceStickiness(all: FixtureEvent[], spec: StickinessSpec): StickinessPeriod[] {
  const periodOf = (day: string): string => {
    if (spec.period === 'month') return `${day.slice(0, 7)}-01`;
    const ms = dayMs(day);
    return dayOf(ms - ((new Date(ms).getUTCDay() + 6) % 7) * DAY);
  };
  const periods = new Map<string, { days: number; active: Map<string, Set<string>> }>();
  for (let d = dayMs(spec.range.from); d <= dayMs(spec.range.to); d += DAY) {
    const p = periodOf(dayOf(d));
    const entry = periods.get(p) ?? { days: 0, active: new Map() };
    entry.days += 1;
    periods.set(p, entry);
  }
  for (const e of all) {
    const day = dayOf(e.ts);
    if (!isActivity(spec, e) || day < spec.range.from || day > spec.range.to) continue;
    const active = periods.get(periodOf(day))!.active;
    active.set(e.user!, (active.get(e.user!) ?? new Set()).add(day));
  }
  return [...periods.entries()].map(([period, { days, active }]) => {
    const exactly = new Array<number>(days).fill(0);
    for (const set of active.values()) exactly[set.size - 1]! += 1;
    const atLeast = exactly.map((_, i) => [...active.values()].filter((s) => s.size >= i + 1).length);
    return { period, days, exactly, atLeast };
  });
}

/** Paths by brute force: each user's events sorted by time then name, walked from every occurrence. */
export function referencePaths(all: FixtureEvent[], spec: PathsSpec): PathRow[] {
  const depth = spec.depth ?? 1;
  const { from, to } = spec.range ?? {};
  const byUser = new Map<string, FixtureEvent[]>();
  for (const e of all) {
    const day = dayOf(e.ts);
    if (e.user === null || (from && day < from) || (to && day > to)) continue;
    byUser.set(e.user, [...(byUser.get(e.user) ?? []), e]);
  }
  const counts = new Map<string, { path: string[]; occurrences: number; users: Set<string> }>();
  for (const [user, evs] of byUser) {
    const names = evs.sort((a, b) => a.ts - b.ts || (a.event < b.event ? -1 : a.event > b.event ? 1 : 0)).map((e) => e.event);
    names.forEach((name, i) => {
      if (name !== spec.event) return;
      const path: string[] = [];
      for (let s = 1; s <= depth; s++) {
        const j = spec.direction === 'next' ? i + s : i - s;
        if (j < 0 || j >= names.length) break;
        path.push(names[j]!);
      }
      if (path.length === 0) return;
      const key = JSON.stringify(path);
      const entry = counts.get(key) ?? { path, occurrences: 0, users: new Set<string>() };
      entry.occurrences += 1;
      entry.users.add(user);
      counts.set(key, entry);
    });
  }
  const cmpPath = (a: string[], b: string[]): number => {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      if (a[i] === b[i]) continue;
      if (a[i] === undefined) return -1;
      if (b[i] === undefined) return 1;
      return a[i]! < b[i]! ? -1 : 1;
    }
    return 0;
  };
  return [...counts.values()]
    .sort((a, b) => b.occurrences - a.occurrences || cmpPath(a.path, b.path))
    .slice(0, spec.limit ?? 10)
    .map((c) => ({ path: c.path, occurrences: c.occurrences, users: c.users.size }));
}
