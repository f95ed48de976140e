import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../core/logger.js';
import { createDuckDbWarehouse } from '../warehouse/duckdb/index.js';
import type { Warehouse } from '../warehouse/warehouse.js';
import { fitForecast } from './forecast-model.js';
import { runForecast } from './run-forecast.js';

/** Seeded standard normal noise (Park-Miller + Box-Muller). */
function normals(seed: number): () => number {
  let s = seed;
  const u = () => (s = (s * 16807) % 2147483647) / 2147483647;
  return () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
}

const WEEKLY = [0, 12, 18, 15, 10, -25, -30];
/** Known trend (+0.5 a day) and weekly seasonality, noise sd 3. */
const series = (days: number, seed: number): number[] => {
  const noise = normals(seed);
  return Array.from({ length: days }, (_, t) => 200 + 0.5 * t + WEEKLY[t % 7]! + 3 * noise());
};

let warehouse: Warehouse;
beforeAll(async () => {
  warehouse = await createDuckDbWarehouse({ path: ':memory:', threads: 1 }, { logger: silentLogger });
  await warehouse.execute('create schema predict_test');
});
afterAll(() => warehouse.close());

describe('fitForecast', () => {
  it('MSTL intervals contain about the nominal share of future values', () => {
    let inside = 0;
    let total = 0;
    for (let seed = 1; seed <= 12; seed++) {
      const y = series(140, seed);
      const train = y.slice(0, 112);
      const f = fitForecast(train, { method: 'mstl', periods: [7], horizon: 28, level: 0.9 });
      y.slice(112).forEach((v, h) => {
        total++;
        if (v >= f.lower[h]! && v <= f.upper[h]!) inside++;
      });
    }
    expect(inside / total).toBeGreaterThan(0.75);
    expect(inside / total).toBeLessThanOrEqual(1);
  });

  it('forecasts a constant series as itself', () => {
    expect(fitForecast([5, 5, 5, 5, 5], { method: 'ets', periods: [], horizon: 2, level: 0.95 })).toEqual({ point: [5, 5], lower: [5, 5], upper: [5, 5] });
  });
});

describe('runForecast', () => {
  it('writes actuals, forecasts and a backtest that beats the seasonal-naive baseline', async () => {
    const y = series(180, 5);
    await warehouse.execute('create table predict_test.daily (day date, region varchar, amount double)');
    const rows = y.flatMap((v, t) => [
      { day: new Date(Date.UTC(2024, 0, 1 + t)), region: 'eu', amount: v },
      { day: new Date(Date.UTC(2024, 0, 1 + t)), region: 'us', amount: 2 * v },
    ]);
    // A gap in the EU series: filled by interpolation for fitting, absent from the actuals.
    const withGap = rows.filter((r) => !(r.region === 'eu' && r.day.getTime() === Date.UTC(2024, 1, 10)));
    await warehouse.bulkLoad({ schema: 'predict_test', name: 'daily' }, withGap, {
      columns: [
        { name: 'day', type: 'DATE' },
        { name: 'region', type: 'VARCHAR' },
        { name: 'amount', type: 'DOUBLE' },
      ],
    });
    const target = { schema: 'predict_test', name: 'daily_forecast' };
    const outcome = await runForecast({
      warehouse,
      model: 'daily_forecast',
      config: { materialized: 'forecast', time_column: 'day', value_column: 'amount', series_by: ['region'], horizon: 14 },
      target,
      sql: 'select day, region, amount from predict_test.daily',
    });
    expect(outcome.rows).toBe(withGap.length + 2 * 14);
    const kinds = await warehouse.query<{ region: string; kind: string; n: number; first: string; last: string }>(
      `select region, kind, count(*) as n, min(day) as first, max(day) as last from predict_test.daily_forecast group by 1, 2 order by 1, 2`,
    );
    expect(kinds.rows).toEqual([
      { region: 'eu', kind: 'actual', n: 179, first: '2024-01-01', last: '2024-06-28' },
      { region: 'eu', kind: 'forecast', n: 14, first: '2024-06-29', last: '2024-07-12' },
      { region: 'us', kind: 'actual', n: 180, first: '2024-01-01', last: '2024-06-28' },
      { region: 'us', kind: 'forecast', n: 14, first: '2024-06-29', last: '2024-07-12' },
    ]);
    const bad = await warehouse.query(
      `select * from predict_test.daily_forecast where kind = 'forecast' and not (yhat_lower <= yhat and yhat <= yhat_upper and method = 'mstl')`,
    );
    expect(bad.rows).toEqual([]);
    const evaluation = await warehouse.query<Record<string, number | string | null>>(`select * from predict_test.daily_forecast__evaluation order by region`);
    expect(evaluation.rows).toHaveLength(2);
    for (const row of evaluation.rows) {
      expect(row).toMatchObject({ method: 'mstl', grain: 'day', holdout_periods: 14, seasonal_periods: '7', baseline_season: 7 });
      expect(row.mape as number).toBeLessThan(0.03);
      expect(row.mape as number).toBeLessThan(row.baseline_mape as number);
      expect(row.interval_coverage as number).toBeGreaterThanOrEqual(0.7);
      expect(row.baseline_interval_coverage).not.toBeNull();
    }
  });

  it('forecasts with the SQL seasonal-naive method: the last season repeated', async () => {
    const values = Array.from({ length: 28 }, (_, t) => 10 * (t % 7) + Math.floor(t / 7));
    await warehouse.execute(`create table predict_test.naive as select cast('2024-01-01' as date) + cast(i as integer) as d, cast(i % 7 as double) * 10 + cast(i // 7 as double) as v from range(28) t(i)`);
    await runForecast({
      warehouse,
      model: 'naive',
      config: { materialized: 'forecast', time_column: 'd', value_column: 'v', horizon: 9, method: 'seasonal_naive' },
      target: { schema: 'predict_test', name: 'naive_forecast' },
      sql: 'select d, v from predict_test.naive',
    });
    const res = await warehouse.query<{ yhat: number; yhat_lower: number; yhat_upper: number }>(
      `select yhat, yhat_lower, yhat_upper from predict_test.naive_forecast where kind = 'forecast' order by d`,
    );
    const last = values.slice(21);
    expect(res.rows.map((r) => r.yhat)).toEqual([...last, last[0], last[1]]);
    // Seasonal differences are all exactly 1 -> sigma 1; the second season's interval is sqrt(2) wider.
    const z = 1.959963984540054;
    expect(res.rows[0]!.yhat_upper - res.rows[0]!.yhat).toBeCloseTo(z, 6);
    expect(res.rows[7]!.yhat_upper - res.rows[7]!.yhat).toBeCloseTo(z * Math.SQRT2, 6);
  });

  it('refuses two rows for one period and a non-numeric value, naming the model and column', async () => {
    const config = { materialized: 'forecast', time_column: 'd', value_column: 'v', horizon: 3 };
    const target = { schema: 'predict_test', name: 'bad' };
    await expect(
      runForecast({ warehouse, model: 'dup', config, target, sql: `select cast('2024-01-01' as date) as d, 1.0 as v union all select cast('2024-01-01' as date), 2.0` }),
    ).rejects.toThrow(/model dup: two rows for the day starting 2024-01-01/);
    await expect(runForecast({ warehouse, model: 'txt', config, target, sql: `select cast('2024-01-01' as date) as d, 'x' as v` })).rejects.toThrow(
      /model txt: value_column v has a non-numeric value/,
    );
    await expect(runForecast({ warehouse, model: 'cfg', config: { ...config, horizon: 0 }, target, sql: 'select 1' })).rejects.toThrow(/model cfg: forecast config horizon/);
    await expect(runForecast({ warehouse, model: 'col', config, target, sql: 'select 1 as x' })).rejects.toThrow(/model col: time_column 'd' is not a column/);
  });
});
