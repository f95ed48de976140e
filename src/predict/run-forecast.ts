import { BasinError, errorMessage } from '../core/errors.js';
import type { ColumnDef, Row } from '../core/types.js';
import { seasonalNaiveBaseline, type BaselinePaths } from './baseline-forecast.js';
import { parseForecastSpec, type ForecastSpec } from './forecast-config.js';
import { forecastAccuracy } from './forecast-metrics.js';
import { fitForecast, type ForecastPath } from './forecast-model.js';
import { MIN_FIT_PERIODS, planSeries, type SeriesPlan } from './forecast-plan.js';
import { normalQuantile } from './normal-quantile.js';
import { companionRef, readModelRows, type PredictionInput, type PredictionOutcome } from './prediction-io.js';
import { buildSeriesFrames, type SeriesFrame } from './series-frame.js';
import { dayNumber, inferGrain, periodCalendar, type PeriodCalendar } from './time-grain.js';
import { replaceTable } from './write-table.js';

const RESERVED = ['kind', 'value', 'yhat', 'yhat_lower', 'yhat_upper', 'method'];

const finite = (v: number | undefined): number | null => (v !== undefined && Number.isFinite(v) ? v : null);

function fitSeries(input: PredictionInput, spec: ForecastSpec, frame: SeriesFrame, plan: SeriesPlan, baseline: BaselinePaths) {
  if (spec.method === 'seasonal_naive') return { forecast: baseline.forecast, backtest: baseline.backtest };
  const method = spec.method;
  const fit = (values: readonly number[], periods: number[], horizon: number): ForecastPath => {
    try {
      return fitForecast(values, { method, periods, horizon, level: spec.interval });
    } catch (err) {
      const series = spec.seriesBy.length > 0 ? ` series ${JSON.stringify(frame.key)}` : '';
      throw new BasinError('MATERIALIZATION', `model ${input.model}:${series} ${method} fit failed: ${errorMessage(err)}`, { cause: err });
    }
  };
  return {
    forecast: fit(frame.values, plan.periods, spec.horizon),
    backtest: plan.holdout > 0 ? fit(frame.values.slice(0, plan.length - plan.holdout), plan.backtestPeriods, plan.holdout) : undefined,
  };
}

function outputColumns(spec: ForecastSpec, seriesColumns: ColumnDef[], input: PredictionInput): { main: ColumnDef[]; evaluation: ColumnDef[] } {
  const d = input.warehouse.dialect;
  const dbl = d.typeFor('double');
  const text = d.typeFor('text');
  const int = d.typeFor('integer');
  const series = seriesColumns.map((c) => ({ name: c.name, type: d.typeFor(d.logicalTypeOf(c.type)) }));
  return {
    main: [
      ...series,
      { name: spec.timeColumn, type: d.typeFor('date') },
      { name: 'kind', type: text },
      ...['value', 'yhat', 'yhat_lower', 'yhat_upper'].map((name) => ({ name, type: dbl })),
      { name: 'method', type: text },
    ],
    evaluation: [
      ...series,
      { name: 'method', type: text },
      { name: 'grain', type: text },
      { name: 'history_periods', type: int },
      { name: 'holdout_periods', type: int },
      { name: 'seasonal_periods', type: text },
      ...['mae', 'mape', 'interval_coverage'].map((name) => ({ name, type: dbl })),
      { name: 'baseline_season', type: int },
      ...['baseline_mae', 'baseline_mape', 'baseline_interval_coverage'].map((name) => ({ name, type: dbl })),
      { name: 'note', type: text },
    ],
  };
}

/**
 * Materializes a `materialized: forecast` model: reads its rows (time,
 * value, optional series columns), fills missing periods, forecasts
 * `horizon` periods per series with intervals (MSTL + ETS trend, ETS, or the
 * seasonal-naive baseline computed in SQL), backtests the method and the
 * baseline on the last periods, and writes the model's table (actuals and
 * forecasts) and `<model>__evaluation`.
 */
export async function runForecast(input: PredictionInput): Promise<PredictionOutcome> {
  const spec = parseForecastSpec(input.model, input.config);
  for (const c of [spec.timeColumn, spec.valueColumn, ...spec.seriesBy]) {
    if (RESERVED.includes(c) && c !== spec.valueColumn) {
      throw new BasinError('MATERIALIZATION', `model ${input.model}: column '${c}' collides with an output column of a forecast (${RESERVED.join(', ')}); rename it`);
    }
  }
  const { rows, columns } = await readModelRows(input, [
    { key: 'time_column', column: spec.timeColumn },
    { key: 'value_column', column: spec.valueColumn },
    ...spec.seriesBy.map((column) => ({ key: 'series_by', column })),
  ]);
  const days = rows.map((r) => dayNumber(r[spec.timeColumn])).filter((d): d is number => d !== undefined);
  const grain = spec.grain ?? inferGrain(days);
  const calendar = periodCalendar(grain, days.length > 0 ? Math.min(...days) : 0);
  const frames = buildSeriesFrames(input.model, rows, spec, calendar);
  const plans = frames.map((f) => planSeries(spec, grain, f.values.length));
  const z = normalQuantile((1 + spec.interval) / 2);
  const baselines = await seasonalNaiveBaseline(input.warehouse, input.target, frames, plans, spec.horizon, z, input.signal);

  const seriesColumns = spec.seriesBy.map((name) => columns.find((c) => c.name === name)!);
  const out = outputColumns(spec, seriesColumns, input);
  const mainRows: Row[] = [];
  const evaluationRows: Row[] = [];
  for (let i = 0; i < frames.length; i++) {
    const frame = frames[i]!;
    const plan = plans[i]!;
    const keyOf = Object.fromEntries(spec.seriesBy.map((c, k) => [c, frame.key[k]]));
    frame.observed.forEach((v, k) => {
      if (v !== null) mainRows.push({ ...keyOf, [spec.timeColumn]: calendar.start(frame.first + k), kind: 'actual', value: v, method: null });
    });
    const fitted = plan.length >= MIN_FIT_PERIODS ? fitSeries(input, spec, frame, plan, baselines[i]!) : { forecast: undefined, backtest: undefined };
    if (fitted.forecast) appendForecast(mainRows, keyOf, spec, calendar, frame.first + plan.length, fitted.forecast);
    evaluationRows.push(evaluationRow(keyOf, spec, grain, plan, frame, fitted.backtest, baselines[i]!.backtest));
  }
  const evaluationRef = companionRef(input.target, 'evaluation');
  const written = await replaceTable(input.warehouse, { ref: input.target, columns: out.main, rows: mainRows }, input.signal);
  const evaluated = await replaceTable(input.warehouse, { ref: evaluationRef, columns: out.evaluation, rows: evaluationRows }, input.signal);
  return {
    message: `FORECAST ${spec.horizon} ${grain}(s) x ${frames.length} series (${written} rows)`,
    rows: written,
    tables: [
      { ref: input.target, rows: written },
      { ref: evaluationRef, rows: evaluated },
    ],
  };
}

function appendForecast(rows: Row[], key: Row, spec: ForecastSpec, calendar: PeriodCalendar, next: number, path: ForecastPath): void {
  path.point.forEach((p, h) => {
    rows.push({
      ...key,
      [spec.timeColumn]: calendar.start(next + h),
      kind: 'forecast',
      value: null,
      yhat: finite(p),
      yhat_lower: finite(path.lower[h]),
      yhat_upper: finite(path.upper[h]),
      method: spec.method,
    });
  });
}

function evaluationRow(
  key: Row,
  spec: ForecastSpec,
  grain: string,
  plan: SeriesPlan,
  frame: SeriesFrame,
  method: ForecastPath | undefined,
  baseline: ForecastPath | undefined,
): Row {
  const actual = frame.values.slice(plan.length - plan.holdout);
  const score = (path: ForecastPath | undefined) =>
    path && plan.holdout > 0 ? forecastAccuracy(actual, path.point, path.lower, path.upper) : { mae: null, mape: null, coverage: null };
  const m = score(method);
  const b = score(baseline);
  return {
    ...key,
    method: spec.method,
    grain,
    history_periods: plan.length,
    holdout_periods: plan.holdout,
    seasonal_periods: plan.periods.join(',') || null,
    mae: m.mae,
    mape: m.mape,
    interval_coverage: m.coverage,
    baseline_season: plan.backtestSeason,
    baseline_mae: b.mae,
    baseline_mape: b.mape,
    baseline_interval_coverage: b.coverage,
    note: plan.note ?? null,
  };
}
