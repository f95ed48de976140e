import type { QueryOptions, WarehouseSession } from '../warehouse/warehouse.js';
import { activeUsersSql, stickinessSql } from './active-users-sql.js';
import type { ActiveUsersSpec, DayRange, StickinessSpec } from './active-users-spec.js';
import type { EventsSpec } from './events-spec.js';
import { addDays } from './events-source.js';
import { bucketStart } from './periods.js';
import { toDay, toNumber } from './result-values.js';

export interface ActiveUsersDay {
  day: string;
  dau: number;
  /** Distinct users active in [day-6, day]. */
  wau: number;
  /** Distinct users active in [day-29, day]. */
  mau: number;
}

export interface StickinessPeriod {
  /** First day of the week (Monday) or month. */
  period: string;
  /** Days of the period inside the range. */
  days: number;
  /** exactly[n-1]: users active on exactly n days of the period. */
  exactly: number[];
  /** atLeast[n-1]: users active on at least n days. */
  atLeast: number[];
}

/** Runs the DAU/WAU/MAU SQL. */
export async function runActiveUsers(session: WarehouseSession, events: EventsSpec, spec: ActiveUsersSpec, options: QueryOptions = {}): Promise<ActiveUsersDay[]> {
  const { sql, params } = activeUsersSql(session.dialect, events, spec);
  const { rows } = await session.query(sql, params, options);
  return rows.map((r) => ({ day: toDay(r['day']), dau: toNumber(r['dau']), wau: toNumber(r['wau']), mau: toNumber(r['mau']) }));
}

/** The periods overlapping the range with the number of their days inside it. */
export function periodsInRange(range: DayRange, period: 'week' | 'month'): Array<{ period: string; days: number }> {
  const out: Array<{ period: string; days: number }> = [];
  for (let d = range.from; d <= range.to; d = addDays(d, 1)) {
    const p = bucketStart(period, d);
    const last = out[out.length - 1];
    if (last && last.period === p) last.days += 1;
    else out.push({ period: p, days: 1 });
  }
  return out;
}

/** Runs the stickiness SQL: per period, users by number of active days. */
export async function runStickiness(session: WarehouseSession, events: EventsSpec, spec: StickinessSpec, options: QueryOptions = {}): Promise<StickinessPeriod[]> {
  const { sql, params } = stickinessSql(session.dialect, events, spec);
  const { rows } = await session.query(sql, params, options);
  return periodsInRange(spec.range, spec.period).map(({ period, days }) => {
    const exactly = new Array<number>(days).fill(0);
    for (const r of rows) if (toDay(r['period']) === period) exactly[toNumber(r['days']) - 1] = toNumber(r['users']);
    const atLeast = exactly.map((_, i) => exactly.slice(i).reduce((a, b) => a + b, 0));
    return { period, days, exactly, atLeast };
  });
}
