/**
 * What the explorer's pickers offer: the most frequent event names with
 * their counts, the top-level JSON property keys seen on a sample of events,
 * and the first and last day with events. Fixed SQL over the configured
 * relation and columns (quoted identifiers, no values from the request).
 */
import { eventsDayRange, type EventsSpec } from '../../analytics/index.js';
import type { QueryOptions, WarehouseSession } from '../../warehouse/warehouse.js';
import type { EventsOverviewJson } from './analytics-json.js';

/** Event names listed at most. */
export const EVENT_NAMES_LIMIT = 200;
/** Events whose properties are read for the keys. */
export const PROPERTIES_SAMPLE = 1_000;
/** Property keys listed at most. */
const PROPERTY_KEYS_LIMIT = 200;

/** The keys of one properties value: a JSON object (as text or already parsed); anything else has none. */
export function propertyKeys(value: unknown): string[] {
  let v = value;
  if (typeof v === 'string') {
    try {
      v = JSON.parse(v);
    } catch {
      return [];
    }
  }
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.keys(v) : [];
}

/** Keys by how many values hold them (most first, then by name). */
export function commonKeys(values: readonly unknown[], limit = PROPERTY_KEYS_LIMIT): string[] {
  const counts = new Map<string, number>();
  for (const v of values) for (const k of propertyKeys(v)) counts.set(k, (counts.get(k) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, limit)
    .map(([k]) => k);
}

/** The overview of `events` (run it in a read-only transaction). */
export async function eventsOverview(session: WarehouseSession, events: EventsSpec, options: QueryOptions = {}): Promise<Omit<EventsOverviewJson, 'relation' | 'columns' | 'relation_columns'>> {
  const q = session.dialect.quoteIdentifier.bind(session.dialect);
  const relation = session.dialect.relation(events.relation);
  const name = q(events.eventColumn);
  const counted = await session.query(
    `SELECT ${name} AS name, count(*) AS n FROM ${relation} WHERE ${name} IS NOT NULL GROUP BY ${name} ORDER BY n DESC, name LIMIT ${EVENT_NAMES_LIMIT + 1}`,
    [],
    options,
  );
  const names = counted.rows.map((r) => ({ name: String(r['name']), count: Number(r['n']) }));
  let properties: string[] = [];
  let sample = 0;
  if (events.propertiesColumn) {
    const column = q(events.propertiesColumn);
    const sampled = await session.query(`SELECT ${column} AS p FROM ${relation} WHERE ${column} IS NOT NULL LIMIT ${PROPERTIES_SAMPLE}`, [], options);
    sample = sampled.rows.length;
    properties = commonKeys(sampled.rows.map((r) => r['p']));
  }
  const range = await eventsDayRange(session, events, options);
  return {
    events: names.slice(0, EVENT_NAMES_LIMIT),
    events_truncated: names.length > EVENT_NAMES_LIMIT,
    properties,
    properties_sample: sample,
    range: range ?? null,
  };
}
