import type { QueryOptions, WarehouseSession } from '../warehouse/warehouse.js';
import { analyticsDialect } from './analytics-dialect.js';
import type { DayRange } from './active-users-spec.js';
import type { EventsSpec } from './events-spec.js';
import { EventsSource } from './events-source.js';
import { SqlParams } from './generated-sql.js';
import { toDay } from './result-values.js';

/** The first and last day with events (undefined when the relation has none): the default range of the CLI. */
export async function eventsDayRange(session: WarehouseSession, events: EventsSpec, options: QueryOptions = {}): Promise<DayRange | undefined> {
  const src = new EventsSource(events, analyticsDialect(session.dialect), new SqlParams(session.dialect));
  const { rows } = await session.query(`SELECT CAST(min(${src.timestamp}) AS DATE) AS f, CAST(max(${src.timestamp}) AS DATE) AS t FROM ${src.relation}`, [], options);
  const row = rows[0];
  if (!row || row['f'] === null || row['f'] === undefined) return undefined;
  return { from: toDay(row['f']), to: toDay(row['t']) };
}
