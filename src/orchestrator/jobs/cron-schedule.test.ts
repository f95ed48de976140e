import { describe, expect, it } from 'vitest';
import { cronSchedule, CronScheduleError } from './cron-schedule.js';

const iso = (d: Date | undefined): string | undefined => d?.toISOString();

describe('cronSchedule', () => {
  it('reads ticks in the zone: a repeated wall-clock hour fires once, previous ticks agree with next ones', () => {
    const hourly = cronSchedule('0 * * * *', 'Europe/Berlin');
    // 25 October 2026: 03:00 CEST becomes 02:00 CET, so 02:00 local happens at 00:00Z and again at 01:00Z.
    const ticks: string[] = [];
    for (let t = hourly.nextAfter(new Date('2026-10-24T22:30:00Z')); t && ticks.length < 5; t = hourly.nextAfter(t)) ticks.push(t.toISOString());
    expect(ticks).toEqual(['2026-10-24T23:00:00.000Z', '2026-10-25T00:00:00.000Z', '2026-10-25T02:00:00.000Z', '2026-10-25T03:00:00.000Z', '2026-10-25T04:00:00.000Z']);
    expect(iso(hourly.latestAtOrBefore(new Date('2026-10-25T01:59:59Z')))).toBe('2026-10-25T00:00:00.000Z');
    expect(iso(hourly.latestAtOrBefore(new Date('2026-10-25T02:00:00Z')))).toBe('2026-10-25T02:00:00.000Z');
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
