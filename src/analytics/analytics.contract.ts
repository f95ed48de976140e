import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../warehouse/warehouse.js';
import type { EventsSpec } from './events-spec.js';
import { runFunnel } from './funnel.js';
import type { FunnelSpec } from './funnel-spec.js';
import { generateEvents, loadEvents, type FixtureEvent } from './test-support/events-fixture.js';
import { referenceFunnel } from './test-support/reference-funnel.js';
import { referenceActiveUsers, referencePaths, referenceStickiness } from './test-support/reference-activity.js';
import { referenceRetention } from './test-support/reference-retention.js';
import { runRetention } from './retention.js';
import type { RetentionSpec } from './retention-spec.js';
import { runActiveUsers, runStickiness } from './active-users.js';
import type { ActiveUsersSpec, StickinessSpec } from './active-users-spec.js';
import { runPaths } from './paths.js';
import type { PathsSpec } from './paths-spec.js';

/** Rounds every number (averages differ in the last bits between warehouses and JS). */
function rounded<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' ? Math.round(v * 1e6) / 1e6 : v))) as T;
}

const DAY = 86_400;
const funnels: Array<[string, FunnelSpec]> = [
  ['sequential, 1 day', { steps: [{ event: 'signup' }, { event: 'view' }, { event: 'cart' }, { event: 'buy' }], windowSeconds: DAY }],
  ['sequential, 7 days, range', { steps: [{ event: 'signup' }, { event: 'view' }, { event: 'cart' }, { event: 'buy' }], windowSeconds: 7 * DAY, range: { from: '2026-03-10', to: '2026-04-10' } }],
  ['sequential, repeated event in steps', { steps: [{ event: 'view' }, { event: 'view' }, { event: 'buy' }], windowSeconds: 2 * DAY }],
  ['sequential, property filter', { steps: [{ event: 'signup', where: [{ property: 'plan', equals: 'pro' }] }, { event: 'view' }, { event: 'buy', where: [{ property: 'plan', equals: 'pro' }] }], windowSeconds: 10 * DAY }],
  ['strict', { steps: [{ event: 'signup' }, { event: 'view' }, { event: 'cart' }], windowSeconds: 3 * DAY, order: 'strict' }],
  ['any order', { steps: [{ event: 'buy' }, { event: 'cart' }, { event: 'view' }], windowSeconds: DAY, order: 'any' }],
  ['exclusions', { steps: [{ event: 'signup' }, { event: 'view' }, { event: 'cart' }, { event: 'buy' }], windowSeconds: 7 * DAY, exclusions: [{ event: 'help', fromStep: 1, toStep: 2 }, { event: 'exit', fromStep: 2, toStep: 4 }] }],
  ['strict with exclusion', { steps: [{ event: 'view' }, { event: 'cart' }], windowSeconds: DAY, order: 'strict', exclusions: [{ event: 'help', fromStep: 1, toStep: 2 }] }],
  ['breakdown first touch', { steps: [{ event: 'signup' }, { event: 'view' }, { event: 'buy' }], windowSeconds: 7 * DAY, breakdown: { property: 'plan' } }],
  ['breakdown last touch', { steps: [{ event: 'signup' }, { event: 'view' }, { event: 'buy' }], windowSeconds: 7 * DAY, breakdown: { property: 'plan' }, attribution: 'last_touch' }],
  ['breakdown step 2', { steps: [{ event: 'signup' }, { event: 'view' }, { event: 'buy' }], windowSeconds: 7 * DAY, breakdown: { property: 'source' }, attribution: { step: 2 } }],
  ['breakdown column, any order', { steps: [{ event: 'view' }, { event: 'cart' }], windowSeconds: 7 * DAY, order: 'any', breakdown: { column: 'country' } }],
  ['nobody', { steps: [{ event: 'nothing' }, { event: 'view' }], windowSeconds: DAY }],
];

const retentions: Array<[string, RetentionSpec]> = [
  ['weekly, first time, on', { startEvent: { event: 'signup' }, period: 'week', periods: 6 }],
  ['weekly, first time, on or after, return event', { startEvent: { event: 'signup' }, returnEvent: { event: 'buy' }, period: 'week', periods: 6, mode: 'on_or_after' }],
  ['daily, recurring, range', { startEvent: { event: 'view' }, period: 'day', periods: 10, cohortType: 'recurring', range: { from: '2026-03-20', to: '2026-04-05' } }],
  ['daily, recurring, on or after, filtered start', { startEvent: { event: 'signup', where: [{ property: 'plan', equals: 'free' }] }, period: 'day', periods: 14, mode: 'on_or_after', cohortType: 'recurring' }],
  ['monthly, recurring', { startEvent: { event: 'view' }, returnEvent: { event: 'view' }, period: 'month', periods: 3, cohortType: 'recurring' }],
  ['weekly, first time, range', { startEvent: { event: 'cart' }, period: 'week', periods: 4, range: { from: '2026-03-18', to: '2026-04-20' } }],
  ['weekly, recurring, on or after, 12 periods (the later ones not observable)', { startEvent: { event: 'view' }, period: 'week', periods: 12, mode: 'on_or_after', cohortType: 'recurring' }],
  ['daily, range ends before the data (later returns count)', { startEvent: { event: 'signup' }, period: 'day', periods: 30, range: { to: '2026-05-01' } }],
  ['no cohorts', { startEvent: { event: 'nothing' }, period: 'week', periods: 2 }],
];
const actives: Array<[string, ActiveUsersSpec]> = [
  ['any event', { range: { from: '2026-02-25', to: '2026-05-20' } }],
  ['one event with a filter', { range: { from: '2026-03-10', to: '2026-04-30' }, event: { event: 'view', where: [{ property: 'plan', equals: 'pro' }] } }],
];
const stickiness: Array<[string, StickinessSpec]> = [
  ['weeks, partial at both ends', { range: { from: '2026-03-04', to: '2026-04-28' }, period: 'week' }],
  ['months', { range: { from: '2026-03-01', to: '2026-05-31' }, period: 'month', event: { event: 'view' } }],
];
const paths: Array<[string, PathsSpec]> = [
  ['next', { event: 'view', direction: 'next' }],
  ['previous, depth 3', { event: 'buy', direction: 'previous', depth: 3, limit: 15 }],
  ['next, depth 2, range, top 5', { event: 'signup', direction: 'next', depth: 2, limit: 5, range: { from: '2026-03-15', to: '2026-04-15' } }],
];

/**
 * Each analysis's generated SQL on a warehouse against the brute-force
 * reference on the same generated events (several seeds).
 */
export function describeAnalyticsContract(name: string, factory: () => Promise<Warehouse>): void {
  describe(`product analytics contract: ${name}`, () => {
    let wh: Warehouse;
    let schema: string;
    const data: Array<{ events: FixtureEvent[]; spec: EventsSpec }> = [];

    beforeAll(async () => {
      wh = await factory();
      schema = `basin_an_${randomBytes(4).toString('hex')}`;
      await wh.execute(wh.dialect.createSchema(schema));
      for (const seed of [1, 2]) {
        const events = generateEvents(seed);
        const sub = `${schema}_${seed}`;
        await wh.execute(wh.dialect.createSchema(sub));
        data.push({ events, spec: await loadEvents(wh, sub, events) });
      }
    }, 60_000);
    afterAll(async () => {
      await wh.execute([wh.dialect.dropSchema(schema), wh.dialect.dropSchema(`${schema}_1`), wh.dialect.dropSchema(`${schema}_2`)]);
      await wh.close();
    });

    it.each(funnels)('funnel: %s', async (_label, spec) => {
      for (const { events, spec: ev } of data) {
        const expected = referenceFunnel(events, spec);
        expect(rounded(await runFunnel(wh, ev, spec))).toEqual(rounded(expected));
      }
    });

    it.each(retentions)('retention: %s', async (_label, spec) => {
      for (const { events, spec: ev } of data) expect(rounded(await runRetention(wh, ev, spec))).toEqual(rounded(referenceRetention(events, spec)));
    });
    it.each(actives)('active users: %s', async (_label, spec) => {
      for (const { events, spec: ev } of data) expect(await runActiveUsers(wh, ev, spec)).toEqual(referenceActiveUsers(events, spec));
    });
    it.each(stickiness)('stickiness: %s', async (_label, spec) => {
      for (const { events, spec: ev } of data) expect(await runStickiness(wh, ev, spec)).toEqual(referenceStickiness(events, spec));
    });
    it.each(paths)('paths: %s', async (_label, spec) => {
      for (const { events, spec: ev } of data) expect(await runPaths(wh, ev, spec)).toEqual(referencePaths(events, spec));
    });

    it('references are not trivial', () => {
      const events = data[0]!.events;
      const cohorts = referenceRetention(events, retentions[0]![1]).cohorts;
      expect(cohorts.some((c) => c.retained[1]! > 0 && c.retained[1]! < c.users)).toBe(true);
      const days = referenceActiveUsers(events, actives[0]![1]);
      expect(days.some((d) => d.dau < d.wau && d.wau < d.mau)).toBe(true);
      expect(referencePaths(events, paths[1]![1]).some((p) => p.path.length === 3)).toBe(true);
    });

    it('retention: periods after the last day of data are null, the period the data ends in is counted so far', async () => {
      // Seed 1's last event is on Tuesday 2026-05-19: the week of 2026-05-18 has started, not ended.
      const { events, spec: ev } = data[0]!;
      const spec = retentions.find(([label]) => label.startsWith('weekly, recurring, on or after, 12'))![1];
      const r = await runRetention(wh, ev, spec);
      expect(r.observedThrough).toBe('2026-05-19');
      expect(rounded(r)).toEqual(rounded(referenceRetention(events, spec)));
      const weeks = (from: string, to: string): number => Math.round((Date.parse(to) - Date.parse(from)) / (7 * 86_400_000));
      // The last cohort: week 1 is the partial week (a number), the weeks after it are null.
      const last = r.cohorts.at(-1)!;
      expect(last.cohort).toBe('2026-05-11');
      expect(last.retained[1]).toEqual(expect.any(Number));
      expect(last.rates[1]).toEqual(expect.any(Number));
      expect(last.retained.slice(2)).toEqual(new Array(11).fill(null));
      expect(last.rates.slice(2)).toEqual(new Array(11).fill(null));
      for (const c of r.cohorts) {
        const partialWeek = weeks(c.cohort, '2026-05-18');
        c.retained.forEach((x, k) => expect(x === null, `${c.cohort} week ${k}`).toBe(k > partialWeek));
      }
      expect(r.cohorts.some((c) => (c.retained[weeks(c.cohort, '2026-05-18')] ?? 0) > 0)).toBe(true);
    });

    it('funnel references are not trivial', () => {
      const r = referenceFunnel(data[0]!.events, funnels[0]![1]);
      expect(r.groups[0]!.converted).toBeGreaterThan(0);
      expect(r.groups[0]!.steps[1]!.users).toBeLessThan(r.groups[0]!.steps[0]!.users);
    });
  });
}
