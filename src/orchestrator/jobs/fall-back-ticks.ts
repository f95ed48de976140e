/**
 * Ticks in the hour a fall-back DST change repeats. croner reads a zone's
 * wall clock and fires a repeated wall time once (its first pass), which is
 * right for a job at a fixed hour (`30 2 * * *` must not run twice) but
 * leaves a gap in a job that runs every hour or more often (`*\/15 * * * *`
 * would skip four runs). As in Vixie cron, jobs whose hour field is `*` also
 * fire on the second pass: those ticks are the pattern read at the zone's
 * offset after the change, within the repeated interval.
 */
import { Cron } from 'croner';

const HOUR_MS = 3_600_000;
const SAMPLE_MS = 6 * HOUR_MS;
/** Longer than any DST shift: how far before `after` a repeated interval may have begun. */
const LOOK_BACK_MS = 4 * HOUR_MS;

const formats = new Map<string, Intl.DateTimeFormat>();

/** The zone's UTC offset at `at`, in minutes. */
export function zoneOffsetMinutes(zone: string, at: number): number {
  let format = formats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
    formats.set(zone, format);
  }
  const name = format.formatToParts(new Date(at)).find((p) => p.type === 'timeZoneName')?.value ?? '';
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

interface Repeated {
  /** The change's instant and the end of the repeated interval (ms). */
  start: number;
  end: number;
  /** The offset after the change (minutes). */
  offset: number;
}

/** Fall-back changes of `zone` in (from, to]. */
function repeatedIntervals(zone: string, from: number, to: number): Repeated[] {
  const out: Repeated[] = [];
  let prev = from;
  let prevOffset = zoneOffsetMinutes(zone, from);
  while (prev < to) {
    const next = Math.min(prev + SAMPLE_MS, to);
    const offset = zoneOffsetMinutes(zone, next);
    if (offset < prevOffset) {
      // Binary search the first instant with the new offset.
      let lo = prev;
      let hi = next;
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (zoneOffsetMinutes(zone, mid) === offset) hi = mid;
        else lo = mid;
      }
      out.push({ start: hi, end: hi + (prevOffset - offset) * 60_000, offset });
    }
    prev = next;
    prevOffset = offset;
  }
  return out;
}

/**
 * The end of the repeated interval holding `at`, if `at` is in one. croner
 * asked for the next tick from inside it can answer an earlier instant (the
 * first pass of the next wall time): callers ask again from this end.
 */
export function repeatedIntervalEnd(zone: string, at: Date): Date | undefined {
  const r = repeatedIntervals(zone, at.getTime() - LOOK_BACK_MS, at.getTime()).find((i) => i.start <= at.getTime() && at.getTime() < i.end);
  return r ? new Date(r.end) : undefined;
}

/** Second-pass ticks of an every-hour pattern in a zone; see the file comment. */
export class FallBackTicks {
  private readonly fixed = new Map<number, Cron>();

  constructor(
    private readonly expression: string,
    private readonly zone: string,
  ) {}

  /** The first second-pass tick strictly after `after` and before `before` (when given), if any. */
  firstBetween(after: Date, before: Date | undefined): Date | undefined {
    const to = before ? before.getTime() : after.getTime() + 366 * 24 * HOUR_MS;
    for (const r of repeatedIntervals(this.zone, after.getTime() - LOOK_BACK_MS, to)) {
      if (r.end <= after.getTime()) continue;
      const tick = this.atOffset(r.offset).nextRun(new Date(Math.max(after.getTime(), r.start - 1)));
      if (tick && tick.getTime() < r.end && (!before || tick < before)) return tick;
    }
    return undefined;
  }

  private atOffset(offset: number): Cron {
    let cron = this.fixed.get(offset);
    if (!cron) {
      cron = new Cron(this.expression, { paused: true, utcOffset: offset, mode: '5-or-6-parts' });
      this.fixed.set(offset, cron);
    }
    return cron;
  }
}
