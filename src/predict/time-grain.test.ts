import { describe, expect, it } from 'vitest';
import { fillGaps } from './series-frame.js';
import { dayNumber, inferGrain, periodCalendar, seasonalPeriodsFor } from './time-grain.js';
import { inTestSplit } from './id-split.js';
import { normalQuantile } from './normal-quantile.js';

const day = (iso: string): number => dayNumber(iso)!;

describe('time grains', () => {
  it('reads DATE strings and timestamps as UTC days', () => {
    expect(dayNumber('1970-01-02')).toBe(1);
    expect(dayNumber(new Date('2024-03-01T13:00:00Z'))).toBe(day('2024-03-01'));
    expect(dayNumber('not a date')).toBeUndefined();
    expect(dayNumber(42)).toBeUndefined();
  });

  it('infers month, week and day grains from the spacing', () => {
    expect(inferGrain(['2024-01-01', '2024-02-01', '2024-04-01'].map(day))).toBe('month');
    expect(inferGrain(['2024-01-01', '2024-01-08', '2024-01-22'].map(day))).toBe('week');
    expect(inferGrain(['2024-01-01', '2024-01-02', '2024-01-05'].map(day))).toBe('day');
    expect(inferGrain(['2024-01-01', '2024-01-29'].map(day))).toBe('week');
  });

  it('maps periods both ways', () => {
    const month = periodCalendar('month');
    expect(month.index(day('2024-03-17')) - month.index(day('2023-12-01'))).toBe(3);
    expect(month.start(month.index(day('2024-03-17'))).toISOString()).toBe('2024-03-01T00:00:00.000Z');
    const week = periodCalendar('week', day('2024-01-01'));
    expect(week.start(week.index(day('2024-01-10'))).toISOString().slice(0, 10)).toBe('2024-01-08');
  });

  it('keeps default seasonal periods only with two full cycles of history', () => {
    expect(seasonalPeriodsFor('month', 23, undefined)).toEqual([]);
    expect(seasonalPeriodsFor('month', 24, undefined)).toEqual([12]);
    expect(seasonalPeriodsFor('day', 100, undefined)).toEqual([7]);
    expect(seasonalPeriodsFor('day', 800, undefined)).toEqual([7, 365]);
    expect(seasonalPeriodsFor('week', 60, [4, 13, 52])).toEqual([4, 13]);
  });
});

describe('fillGaps', () => {
  it('interpolates linearly between observed neighbours, or writes zeros', () => {
    expect(fillGaps([1, null, null, 4, null, 8], 'interpolate')).toEqual([1, 2, 3, 4, 6, 8]);
    expect(fillGaps([1, null, 4], 'zero')).toEqual([1, 0, 4]);
  });
});

describe('inTestSplit', () => {
  it('is deterministic per id and seed and takes about the asked share', () => {
    const ids = Array.from({ length: 10_000 }, (_, i) => `acct_${i}`);
    const share = ids.filter((id) => inTestSplit(id, 42, 0.25)).length / ids.length;
    expect(share).toBeGreaterThan(0.23);
    expect(share).toBeLessThan(0.27);
    expect(ids.map((id) => inTestSplit(id, 42, 0.25))).toEqual(ids.map((id) => inTestSplit(id, 42, 0.25)));
    expect(ids.filter((id) => inTestSplit(id, 42, 0.25) !== inTestSplit(id, 7, 0.25)).length).toBeGreaterThan(1000);
  });
});

describe('normalQuantile', () => {
  it('matches known quantiles', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(normalQuantile(0.5)).toBeCloseTo(0, 9);
    expect(normalQuantile(0.01)).toBeCloseTo(-2.326348, 5);
  });
});
