import { BasinError } from '../core/errors.js';
import type { EventMatcher } from './analysis-types.js';
import { checkDay } from './events-source.js';

/** Days to report, inclusive (`YYYY-MM-DD`). */
export interface DayRange {
  from: string;
  to: string;
}

export interface ActiveUsersSpec {
  range: DayRange;
  /** Only these events count as activity (default: any event). */
  event?: EventMatcher | undefined;
}

export interface StickinessSpec {
  range: DayRange;
  period: 'week' | 'month';
  event?: EventMatcher | undefined;
}

/** Days from `from` to `to` inclusive; throws when the range is invalid. */
export function daysInRange(range: DayRange): number {
  const days = (Date.parse(`${checkDay(range.to, 'to')}T00:00:00Z`) - Date.parse(`${checkDay(range.from, 'from')}T00:00:00Z`)) / 86_400_000 + 1;
  if (days < 1 || days > 20_000) throw new BasinError('USAGE', `the day range ${range.from}..${range.to} must hold 1 to 20000 days`);
  return days;
}
