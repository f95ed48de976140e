/**
 * A cron expression in an IANA time zone, via croner: 5 fields (minute
 * precision) or 6 (seconds first). Ticks are wall-clock times of the zone:
 * a time skipped by a spring-forward DST change fires at the shifted instant
 * (02:30 becomes 03:30); a time repeated by a fall-back change fires once
 * (its first occurrence), unless the hour field is `*`: a job running every
 * hour or more often keeps firing through the repeated hour (fall-back-ticks.ts).
 */
import { Cron, CronPattern } from 'croner';
import { FallBackTicks, repeatedIntervalEnd } from './fall-back-ticks.js';

/** A parsed schedule: the ticks of `expression` in `timezone`. */
export interface CronSchedule {
  readonly expression: string;
  readonly timezone: string;
  /** The first tick strictly after `after`, or undefined when there is none. */
  nextAfter(after: Date): Date | undefined;
  /** The last tick at or before `at`, or undefined when there is none. */
  latestAtOrBefore(at: Date): Date | undefined;
}

/** Why an expression or zone was rejected; `field` says which. */
export class CronScheduleError extends Error {
  constructor(
    readonly field: 'schedule' | 'timezone',
    message: string,
  ) {
    super(message);
    this.name = 'CronScheduleError';
  }
}

/** True when `zone` is an IANA time zone this runtime knows. */
export function isValidTimeZone(zone: string): boolean {
  if (zone.trim() === '') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Parses `expression` in `timezone`; throws CronScheduleError when either is invalid. */
export function cronSchedule(expression: string, timezone = 'UTC'): CronSchedule {
  if (!isValidTimeZone(timezone)) throw new CronScheduleError('timezone', `unknown time zone "${timezone}" (expected an IANA name such as Europe/Berlin)`);
  const fields = expression.trim().split(/\s+/).length;
  if (fields !== 5 && fields !== 6) {
    throw new CronScheduleError('schedule', `invalid cron expression "${expression}": expected 5 fields (minute hour day month weekday) or 6 (seconds first), got ${fields}`);
  }
  let cron: Cron;
  try {
    cron = new Cron(expression, { paused: true, timezone, mode: '5-or-6-parts' });
  } catch (err) {
    const reason = (err as Error).message.replace(/^CronPattern:\s*/, '');
    throw new CronScheduleError('schedule', `invalid cron expression "${expression}": ${reason}`);
  }
  if (cron.nextRun(new Date(0)) === null) throw new CronScheduleError('schedule', `invalid cron expression "${expression}": it never fires`);
  const everyHour = new CronPattern(expression, undefined, { mode: '5-or-6-parts' }).hour.every((h) => h === 1);
  const changes = zoneHasOffsetChanges(timezone);
  const secondPass = everyHour && changes ? new FallBackTicks(expression, timezone) : undefined;
  const nextAfter = (after: Date): Date | undefined => {
    let first = cron.nextRun(after) ?? undefined;
    if (first && first <= after && changes) {
      const end = repeatedIntervalEnd(timezone, after);
      first = end ? (cron.nextRun(new Date(end.getTime() - 1)) ?? undefined) : undefined;
      if (first && first <= after) first = undefined;
    }
    return secondPass?.firstBetween(after, first) ?? first;
  };
  return {
    expression,
    timezone,
    nextAfter,
    latestAtOrBefore: (at) => latestTick(cron, nextAfter, at),
  };
}

/** False for fixed-offset zones (UTC, Etc/GMT+5), which never repeat an hour. */
function zoneHasOffsetChanges(zone: string): boolean {
  return !/^(UTC|GMT|Etc\/.*|Z)$/i.test(zone);
}

const PROBE_WINDOWS_MS = [3_600_000, 86_400_000, 32 * 86_400_000, 366 * 86_400_000, 4 * 366 * 86_400_000];

/**
 * The last tick at or before `at`, consistent with nextAfter (the source of
 * truth): croner's previousRuns gives a starting point (it can land one tick
 * early around DST changes), then we step forward with nextAfter.
 */
function latestTick(cron: Cron, nextAfter: (after: Date) => Date | undefined, at: Date): Date | undefined {
  const [hint] = cron.previousRuns(1, new Date(at.getTime() + 1));
  let probe: Date | undefined = hint && hint.getTime() <= at.getTime() ? hint : undefined;
  for (const window of PROBE_WINDOWS_MS) {
    if (probe) break;
    const first = cron.nextRun(new Date(at.getTime() - window));
    if (first && first.getTime() <= at.getTime()) probe = first;
  }
  if (!probe) return undefined;
  for (let next = nextAfter(probe); next && next.getTime() <= at.getTime(); next = nextAfter(probe)) probe = next;
  return probe;
}
