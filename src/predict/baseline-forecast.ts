import type { Row, TableRef } from '../core/types.js';
import type { Warehouse } from '../warehouse/warehouse.js';
import type { ForecastPath } from './forecast-model.js';
import type { SeriesPlan } from './forecast-plan.js';
import type { SeriesFrame } from './series-frame.js';
import { planStageColumns, seasonalNaiveSql, seriesStageColumns } from './seasonal-naive-sql.js';
import { stagingRef } from './write-table.js';

/** The baseline's forecast and backtest paths of one series (missing: not computed). */
export interface BaselinePaths {
  forecast: ForecastPath | undefined;
  backtest: ForecastPath | undefined;
}

const num = (v: unknown): number => (v === null || v === undefined ? NaN : Number(v));

/**
 * Computes the seasonal-naive baseline in the warehouse: stages the filled
 * series and the plan next to `target` (bulk loaded), runs
 * {@link seasonalNaiveSql}, and drops the staging tables again. Run 0 forecasts
 * `horizon` periods after the end of each series, run 1 the backtest's held-out
 * periods from the training part.
 */
export async function seasonalNaiveBaseline(
  warehouse: Warehouse,
  target: TableRef,
  frames: readonly SeriesFrame[],
  plans: readonly SeriesPlan[],
  horizon: number,
  z: number,
  signal?: AbortSignal,
): Promise<BaselinePaths[]> {
  const d = warehouse.dialect;
  const options = signal ? { signal } : {};
  const series = stagingRef(target, 'series');
  const plan = stagingRef(target, 'plan');
  const seriesRows = function* (): Iterable<Row> {
    for (let id = 0; id < frames.length; id++) {
      const values = frames[id]!.values;
      for (let idx = 0; idx < values.length; idx++) yield { series_id: id, idx, y: values[idx] };
    }
  };
  const planRows = function* (): Iterable<Row> {
    for (let id = 0; id < plans.length; id++) {
      const p = plans[id]!;
      for (let step = 1; step <= horizon; step++) yield { series_id: id, run: 0, step, cutoff: p.length, m: p.baselineSeason };
      for (let step = 1; step <= p.holdout; step++) yield { series_id: id, run: 1, step, cutoff: p.length - p.holdout, m: p.backtestSeason };
    }
  };
  const drop = [d.dropRelation(series, 'table'), d.dropRelation(plan, 'table')];
  await warehouse.execute([...drop, d.createTable(series, seriesStageColumns(d)), d.createTable(plan, planStageColumns(d))], options);
  try {
    await warehouse.bulkLoad(series, seriesRows(), { columns: seriesStageColumns(d), ...options });
    await warehouse.bulkLoad(plan, planRows(), { columns: planStageColumns(d), ...options });
    const res = await warehouse.query(seasonalNaiveSql(d, series, plan, z), [], options);
    const out: BaselinePaths[] = plans.map(() => ({ forecast: undefined, backtest: undefined }));
    for (const row of res.rows) {
      const slot = out[num(row.series_id)]!;
      const run = num(row.run) === 0 ? 'forecast' : 'backtest';
      const path = (slot[run] ??= { point: [], lower: [], upper: [] });
      const i = num(row.step) - 1;
      path.point[i] = num(row.yhat);
      path.lower[i] = num(row.yhat_lower);
      path.upper[i] = num(row.yhat_upper);
    }
    return out;
  } finally {
    await warehouse.execute(drop).catch(() => undefined);
  }
}
