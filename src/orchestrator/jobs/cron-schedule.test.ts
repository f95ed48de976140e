import { describe, expect, it } from 'vitest';
import { cronSchedule, CronScheduleError } from './cron-schedule.js';

const iso = (d: Date | undefined): string | undefined => d?.toISOString();

describe('cronSchedule', () => {
  it('reads ticks in the zone; through a repeated hour an every-hour job keeps firing, a fixed-time job fires once', () => {
    const ticksFrom = (expr: string, zone: string, from: string, n: number): string[] => {
      const schedule = cronSchedule(expr, zone);
      const out: string[] = [];
      for (let t = schedule.nextAfter(new Date(from)); t && out.length < n; t = schedule.nextAfter(t)) out.push(t.toISOString().slice(0, 16));
      return out;
    };
    // 25 October 2026: 03:00 CEST becomes 02:00 CET, so 02:00-02:59 local happens at 00:00Z-00:59Z and again at 01:00Z-01:59Z.
    expect(ticksFrom('0 * * * *', 'Europe/Berlin', '2026-10-24T22:30:00Z', 5)).toEqual(['2026-10-24T23:00', '2026-10-25T00:00', '2026-10-25T01:00', '2026-10-25T02:00', '2026-10-25T03:00']);
    expect(ticksFrom('*/30 * * * *', 'Europe/Berlin', '2026-10-25T00:15:00Z', 4)).toEqual(['2026-10-25T00:30', '2026-10-25T01:00', '2026-10-25T01:30', '2026-10-25T02:00']);
    expect(ticksFrom('30 2 * * *', 'Europe/Berlin', '2026-10-24T12:00:00Z', 3)).toEqual(['2026-10-25T00:30', '2026-10-26T01:30', '2026-10-27T01:30']);
    const hourly = cronSchedule('0 * * * *', 'Europe/Berlin');
    expect(iso(hourly.latestAtOrBefore(new Date('2026-10-25T01:59:59Z')))).toBe('2026-10-25T01:00:00.000Z');
    expect(iso(hourly.latestAtOrBefore(new Date('2026-10-25T02:00:00Z')))).toBe('2026-10-25T02:00:00.000Z');
    // Asked from inside the repeated hour, the next tick is never in the past.
    expect(iso(cronSchedule('30 2 * * *', 'Europe/Berlin').nextAfter(new Date('2026-10-25T01:15:00Z')))).toBe('2026-10-26T01:30:00.000Z');
    expect(iso(cronSchedule('*/20 * * * *', 'America/New_York').nextAfter(new Date('2026-11-01T06:10:00Z')))).toBe('2026-11-01T06:20:00.000Z');
    expect(iso(cronSchedule('*/20 * * * * *').latestAtOrBefore(new Date('2026-01-01T00:00:59.999Z')))).toBe('2026-01-01T00:00:40.000Z');
    expect(iso(cronSchedule('0 0 1 1 *').latestAtOrBefore(new Date('2026-06-01T00:00:00Z')))).toBe('2026-01-01T00:00:00.000Z');
  });

  it('rejects bad expressions and zones, saying which', () => {
    const fail = (expr: string, zone?: string): CronScheduleError => {
      try {
        cronSchedule(expr, zone);
      } catch (err) {
        return err as CronScheduleError;
      }
      throw new Error('accepted');
    };
    expect(fail('0 * * * *', 'Europe/Nowhere')).toMatchObject({ field: 'timezone', message: 'unknown time zone "Europe/Nowhere" (expected an IANA name such as Europe/Berlin)' });
    expect(fail('0 0 0 * * * *')).toMatchObject({ field: 'schedule', message: expect.stringContaining('got 7') as string });
    expect(fail('0 0 30 2 *')).toMatchObject({ field: 'schedule', message: 'invalid cron expression "0 0 30 2 *": it never fires' });
    expect(fail('every hour')).toMatchObject({ field: 'schedule' });
  });
});
