import type { Breakdown, EventMatcher } from '../analysis-types.js';
import type { FunnelGroupResult, FunnelResult } from '../funnel.js';
import type { FunnelSpec } from '../funnel-spec.js';
import type { FixtureEvent } from './events-fixture.js';
import { dayOf, mean, median, minText } from './reference-values.js';

const matches = (m: EventMatcher, e: FixtureEvent): boolean =>
  e.event === m.event && (m.where ?? []).every((f) => e.properties !== null && e.properties[f.property] === f.equals);

const valueOf = (b: Breakdown | undefined, e: FixtureEvent): string | null => {
  if (!b) return null;
  if ('column' in b) return e.country;
  return e.properties?.[b.property] ?? null;
};

/** One reached step of an attempt: its time and breakdown value. */
interface Reached {
  t: number;
  b: string | null;
}

/**
 * The funnel computed by brute force over every user's events, following the
 * documented definitions directly (no shared code with the SQL generator).
 */
export function referenceFunnel(all: FixtureEvent[], spec: FunnelSpec): FunnelResult {
  const order = spec.order ?? 'sequential';
  const W = spec.windowSeconds * 1000;
  const n = spec.steps.length;
  const from = spec.range?.from;
  const to = spec.range?.to;
  const startOk = (e: FixtureEvent): boolean => (!from || dayOf(e.ts) >= from) && (!to || dayOf(e.ts) <= to);
  const byUser = new Map<string, FixtureEvent[]>();
  for (const e of all) {
    if (e.user === null) continue;
    if (from && dayOf(e.ts) < from) continue;
    const list = byUser.get(e.user) ?? [];
    list.push(e);
    byUser.set(e.user, list);
  }
  // The value at time t among the events matching m at t.
  const at = (evs: FixtureEvent[], m: EventMatcher, t: number): Reached => ({ t, b: minText(evs.filter((e) => e.ts === t && matches(m, e)).map((e) => valueOf(spec.breakdown, e))) });
  const firstAfter = (evs: FixtureEvent[], m: EventMatcher, after: number, inclusive: boolean, limit: number): number | null => {
    let best: number | null = null;
    for (const e of evs) if (matches(m, e) && (inclusive ? e.ts >= after : e.ts > after) && e.ts <= limit && (best === null || e.ts < best)) best = e.ts;
    return best;
  };

  const chosen: Array<{ reached: Reached[] }> = [];
  for (const evs of byUser.values()) {
    const attempts: Reached[][] = [];
    if (order === 'any') {
      const starts = [...new Set(evs.filter((e) => startOk(e) && spec.steps.some((m) => matches(m, e))).map((e) => e.ts))];
      for (const t0 of starts) {
        const hits: Array<{ t: number; k: number }> = [];
        spec.steps.forEach((m, k) => {
          const t = firstAfter(evs, m, t0, true, t0 + W);
          if (t !== null) hits.push({ t, k });
        });
        hits.sort((a, b) => a.t - b.t || a.k - b.k);
        attempts.push(hits.map((h) => at(evs, spec.steps[h.k]!, h.t)));
      }
    } else {
      const times = [...new Set(evs.map((e) => e.ts))].sort((a, b) => a - b);
      const starts = [...new Set(evs.filter((e) => startOk(e) && matches(spec.steps[0]!, e)).map((e) => e.ts))];
      for (const t1 of starts) {
        const reached: Reached[] = [at(evs, spec.steps[0]!, t1)];
        for (let k = 1; k < n; k++) {
          const prev = reached[k - 1]!.t;
          let t: number | null;
          if (order === 'strict') {
            const next = times.find((x) => x > prev);
            t = next !== undefined && next <= t1 + W && evs.some((e) => e.ts === next && matches(spec.steps[k]!, e)) ? next : null;
          } else {
            t = firstAfter(evs, spec.steps[k]!, prev, false, t1 + W);
          }
          if (t === null) break;
          reached.push(at(evs, spec.steps[k]!, t));
        }
        const excluded = (spec.exclusions ?? []).some((x) => {
          const a = reached[x.fromStep - 1];
          if (!a) return false;
          const b = reached[x.toStep - 1];
          return evs.some((e) => matches(x, e) && e.ts > a.t && (b ? e.ts < b.t : e.ts <= t1 + W));
        });
        if (!excluded) attempts.push(reached);
      }
    }
    let best: Reached[] | undefined;
    for (const a of attempts) if (!best || a.length > best.length || (a.length === best.length && a[0]!.t < best[0]!.t)) best = a;
    if (best) chosen.push({ reached: best });
  }

  const attribution = spec.attribution ?? 'first_touch';
  const groupOf = (r: Reached[]): string | null =>
    attribution === 'first_touch' ? r[0]!.b : attribution === 'last_touch' ? r[r.length - 1]!.b : (r[attribution.step - 1]?.b ?? null);
  const groups = new Map<string | null, Reached[][]>();
  for (const c of chosen) {
    const g = spec.breakdown ? groupOf(c.reached) : null;
    groups.set(g, [...(groups.get(g) ?? []), c.reached]);
  }
  if (groups.size === 0 && !spec.breakdown) groups.set(null, []);
  const result: FunnelGroupResult[] = [...groups.entries()].map(([breakdown, list]) => {
    const users = spec.steps.map((_, k) => list.filter((r) => r.length > k).length);
    const secs = (k: number): number[] => list.filter((r) => r.length > k).map((r) => (r[k]!.t - r[k - 1]!.t) / 1000);
    const total = list.filter((r) => r.length === n).map((r) => (r[n - 1]!.t - r[0]!.t) / 1000);
    const ratio = (a: number, b: number): number | null => (b === 0 ? null : a / b);
    return {
      breakdown,
      steps: spec.steps.map((s, k) => ({
        step: k + 1,
        event: s.event,
        users: users[k]!,
        conversionFromFirst: ratio(users[k]!, users[0]!),
        conversionFromPrevious: k === 0 ? null : ratio(users[k]!, users[k - 1]!),
        avgSecondsFromPrevious: k === 0 ? null : mean(secs(k)),
        medianSecondsFromPrevious: k === 0 ? null : median(secs(k)),
      })),
      converted: users[n - 1]!,
      conversionRate: ratio(users[n - 1]!, users[0]!),
      avgSecondsToConvert: mean(total),
      medianSecondsToConvert: median(total),
    };
  });
  result.sort((a, b) => b.steps[0]!.users - a.steps[0]!.users || (a.breakdown === b.breakdown ? 0 : a.breakdown === null ? 1 : b.breakdown === null ? -1 : a.breakdown < b.breakdown ? -1 : 1));
  return { groups: result };
}
