import type { TableRef } from '../../core/types.js';
import type { Warehouse } from '../../warehouse/warehouse.js';
import type { EventsSpec } from '../events-spec.js';

/** One generated event (what the brute-force references read). */
export interface FixtureEvent {
  user: string | null;
  event: string;
  /** Milliseconds since the epoch (whole seconds). */
  ts: number;
  properties: Record<string, string> | null;
  /** A plain text column, for column breakdowns. */
  country: string | null;
}

/** A small seeded PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const FIXTURE_EVENTS = ['signup', 'view', 'cart', 'buy', 'help', 'exit'] as const;
export const FIXTURE_START = Date.parse('2026-03-02T00:00:00Z');
const HOUR = 3_600_000;

/**
 * Users with sessions of events walking roughly signup -> view -> cart -> buy
 * with detours. Times sit on a coarse grid (whole hours, gaps of 0 h, 1 h, 1 day
 * or 7 days), so ties and events exactly at window boundaries are common; users
 * repeat steps; properties are sometimes missing or NULL; a few rows have no user.
 */
export function generateEvents(seed: number, users = 160): FixtureEvent[] {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const out: FixtureEvent[] = [];
  const gaps = [0, 0, HOUR, HOUR, 2 * HOUR, 24 * HOUR, 7 * 24 * HOUR];
  for (let u = 0; u < users; u++) {
    const user = `u${String(u).padStart(3, '0')}`;
    const country = rnd() < 0.1 ? null : pick(['de', 'fr', 'us']);
    const sessions = 1 + Math.floor(rnd() * 5);
    for (let s = 0; s < sessions; s++) {
      let t = FIXTURE_START + Math.floor(rnd() * 60 * 24) * HOUR;
      let step = rnd() < 0.6 ? 0 : Math.floor(rnd() * 4);
      const length = 1 + Math.floor(rnd() * 7);
      for (let i = 0; i < length; i++) {
        const r = rnd();
        const event = r < 0.65 ? FIXTURE_EVENTS[Math.min(step, 3)]! : r < 0.8 ? 'help' : r < 0.9 ? 'exit' : pick(FIXTURE_EVENTS);
        if (r < 0.65) step += 1;
        const p = rnd();
        const properties = p < 0.1 ? null : p < 0.2 ? {} : { plan: pick(['free', 'pro', 'team']), ...(rnd() < 0.5 ? { source: pick(['ads', 'seo']) } : {}) };
        out.push({ user, event, ts: t, properties, country });
        t += pick(gaps);
      }
    }
  }
  for (let i = 0; i < 5; i++) out.push({ user: null, event: 'signup', ts: FIXTURE_START + i * HOUR, properties: null, country: 'de' });
  return out;
}

/** Creates `<schema>.events` and loads the events; returns its EventsSpec. */
export async function loadEvents(wh: Warehouse, schema: string, events: FixtureEvent[]): Promise<EventsSpec> {
  const ref: TableRef = { schema, name: 'events' };
  const t = (x: Parameters<typeof wh.dialect.typeFor>[0]) => wh.dialect.typeFor(x);
  const columns = [
    { name: 'user_id', type: t('text') },
    { name: 'event', type: t('text') },
    { name: 'ts', type: t('timestamp') },
    { name: 'properties', type: t('json') },
    { name: 'country', type: t('text') },
  ];
  await wh.execute(wh.dialect.createTable(ref, columns));
  await wh.bulkLoad(
    ref,
    events.map((e) => ({ user_id: e.user, event: e.event, ts: new Date(e.ts), properties: e.properties, country: e.country })),
    { columns },
  );
  return { relation: ref, userColumn: 'user_id', eventColumn: 'event', timestampColumn: 'ts', propertiesColumn: 'properties' };
}
