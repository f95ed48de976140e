import { describe, expect, it } from 'vitest';
import { parseForecastSpec } from './forecast-config.js';
import { planSeries } from './forecast-plan.js';

const spec = (extra: Record<string, unknown> = {}) => parseForecastSpec('m', { time_column: 't', value_column: 'v', horizon: 6, ...extra });

describe('planSeries', () => {
  it('holds out min(horizon, a quarter of the history) and picks the baseline season', () => {
    expect(planSeries(spec(), 'month', 36)).toMatchObject({ periods: [12], holdout: 6, backtestPeriods: [12], baselineSeason: 12, backtestSeason: 12, note: undefined });
    expect(planSeries(spec(), 'month', 12)).toMatchObject({ periods: [], holdout: 3, baselineSeason: 1, note: undefined });
  });

  it('says when the backtest runs without a season the forecast uses', () => {
    const plan = planSeries(spec(), 'month', 24);
    expect(plan).toMatchObject({ periods: [12], holdout: 6, backtestPeriods: [], backtestSeason: 1 });
    expect(plan.note).toMatch(/backtest ran without seasonal period\(s\) 12/);
  });

  it('does not forecast or backtest series too short for it, and names dropped explicit periods', () => {
    expect(planSeries(spec(), 'day', 3)).toMatchObject({ holdout: 0, note: expect.stringMatching(/only 3 period\(s\) of history: not forecast/) });
    expect(planSeries(spec(), 'day', 4)).toMatchObject({ holdout: 0, note: expect.stringMatching(/too short to backtest/) });
    expect(planSeries(spec({ seasonal_periods: [7, 30] }), 'day', 40).note).toMatch(/seasonal period\(s\) 30 need two full cycles/);
    expect(planSeries(spec({ seasonal_periods: [] }), 'month', 48).periods).toEqual([]);
  });
});
