import { BasinError } from '../core/errors.js';
import type { AnalyticsDialect } from './analytics-dialect.js';
import type { Breakdown, DateRange, EventMatcher } from './analysis-types.js';
import type { EventsSpec } from './events-spec.js';
import type { SqlParams } from './generated-sql.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Checks a `YYYY-MM-DD` day and returns it. */
export function checkDay(day: string, what: string): string {
  if (!DATE.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`))) throw new BasinError('USAGE', `${what} must be a day as YYYY-MM-DD, got "${day}"`);
  return day;
}

/** `day` plus `n` days, as `YYYY-MM-DD`. */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Column and predicate expressions over the events relation (alias-free:
 * used in the single scan of the relation each analysis starts with).
 */
export class EventsSource {
  constructor(
    readonly spec: EventsSpec,
    readonly dialect: AnalyticsDialect,
    private readonly params: SqlParams,
  ) {}

  get relation(): string {
    return this.dialect.sql.relation(this.spec.relation);
  }
  get user(): string {
    return this.dialect.sql.quoteIdentifier(this.spec.userColumn);
  }
  get event(): string {
    return this.dialect.sql.quoteIdentifier(this.spec.eventColumn);
  }
  get timestamp(): string {
    return this.dialect.sql.quoteIdentifier(this.spec.timestampColumn);
  }
  get micros(): string {
    return this.dialect.epochMicros(this.timestamp);
  }
  get day(): string {
    return `CAST(${this.timestamp} AS DATE)`;
  }

  /** The text of a JSON property. */
  property(key: string): string {
    if (!this.spec.propertiesColumn) throw new BasinError('USAGE', `property "${key}" needs a properties column in the events spec`);
    if (key === '' || /["\\]/.test(key)) throw new BasinError('USAGE', `property name ${JSON.stringify(key)} must be non-empty without quotes or backslashes`);
    return this.dialect.jsonText(this.dialect.sql.quoteIdentifier(this.spec.propertiesColumn), this.params.add(this.dialect.jsonKeyParam(key)));
  }

  /** The breakdown value as text (NULL when the property is missing). */
  breakdown(b: Breakdown): string {
    if ('property' in b) return this.property(b.property);
    return `CAST(${this.dialect.sql.quoteIdentifier(b.column)} AS ${this.dialect.sql.typeFor('text')})`;
  }

  /** A boolean expression: the row is an event of the matcher. */
  matches(m: EventMatcher): string {
    const parts = [`${this.event} = ${this.text(m.event)}`];
    for (const f of m.where ?? []) parts.push(`${this.property(f.property)} = ${this.text(f.equals)}`);
    return parts.length === 1 ? parts[0]! : `(${parts.join(' AND ')})`;
  }

  /** `event IN (...)` over the distinct names (a cheap prefilter of the scan). */
  eventIn(names: readonly string[]): string {
    return `${this.event} IN (${[...new Set(names)].map((n) => this.text(n)).join(', ')})`;
  }

  /** Rows with `from <= day(timestamp) <= to + extraDays` (either end open); `TRUE` when both are. */
  inDays(range: DateRange, extra: { beforeDays?: number; afterDays?: number } = {}): string {
    const parts: string[] = [];
    if (range.from) parts.push(`${this.timestamp} >= ${this.timestampParam(addDays(checkDay(range.from, 'from'), -(extra.beforeDays ?? 0)))}`);
    if (range.to) parts.push(`${this.timestamp} < ${this.timestampParam(addDays(checkDay(range.to, 'to'), 1 + (extra.afterDays ?? 0)))}`);
    return parts.length === 0 ? 'TRUE' : parts.join(' AND ');
  }

  /** A bound text value. */
  text(value: string): string {
    return `CAST(${this.params.add(value)} AS ${this.dialect.sql.typeFor('text')})`;
  }
  /** A bound integer value. */
  integer(value: number): string {
    return `CAST(${this.params.add(value)} AS ${this.dialect.sql.typeFor('bigint')})`;
  }
  /** A bound day. */
  dateParam(day: string): string {
    return `CAST(${this.params.add(day)} AS DATE)`;
  }
  /** A bound midnight of a day, as TIMESTAMP (sessions run in UTC). */
  timestampParam(day: string): string {
    return `CAST(${this.params.add(`${day} 00:00:00`)} AS ${this.dialect.sql.typeFor('timestamp')})`;
  }
}
