import type { ColumnDef, TableRef } from '../core/types.js';
import type { SqlDialect } from '../warehouse/dialect.js';

/** Columns of the staged series: one row per series and period (gaps already filled). */
export const seriesStageColumns = (d: SqlDialect): ColumnDef[] => [
  { name: 'series_id', type: d.typeFor('integer') },
  { name: 'idx', type: d.typeFor('integer') },
  { name: 'y', type: d.typeFor('double') },
];

/**
 * Columns of the forecast plan: one row per series, run and step. A run
 * trains on the periods `idx < cutoff` and forecasts `cutoff + step - 1`
 * with season length `m` (1 = naive). Run 0 is the forecast, run 1 the
 * backtest.
 */
export const planStageColumns = (d: SqlDialect): ColumnDef[] => [
  { name: 'series_id', type: d.typeFor('integer') },
  { name: 'run', type: d.typeFor('integer') },
  { name: 'step', type: d.typeFor('integer') },
  { name: 'cutoff', type: d.typeFor('integer') },
  { name: 'm', type: d.typeFor('integer') },
];

/**
 * The seasonal-naive forecast as one SELECT over the staged series and plan:
 * `yhat` at step h is the value one season before the same position in the
 * last season (`y[cutoff - m + (h - 1) mod m]`); the interval is
 * `yhat ± z · σ · sqrt(floor((h - 1) / m) + 1)` where σ is the root mean
 * square of the seasonal differences `y[t] - y[t - m]` in the training
 * periods (Hyndman & Athanasopoulos, FPP3 §5.5). σ is NULL (no interval)
 * with fewer than m + 1 training periods. Returns
 * `series_id, run, step, yhat, yhat_lower, yhat_upper`.
 */
export function seasonalNaiveSql(d: SqlDialect, series: TableRef, plan: TableRef, z: number): string {
  const s = d.relation(series);
  const p = d.relation(plan);
  const dbl = d.typeFor('double');
  const zl = Number.isFinite(z) ? String(z) : '0';
  const se = `sp.sigma * sqrt(floor(cast(p.step - 1 as ${dbl}) / p.m) + 1)`;
  return [
    'with runs as (',
    `  select distinct series_id, run, cutoff, m from ${p}`,
    '),',
    'train as (',
    '  select r.series_id, r.run, r.m, s.idx, s.y',
    `  from runs r join ${s} s on s.series_id = r.series_id and s.idx < r.cutoff`,
    '),',
    'spread as (',
    '  select a.series_id, a.run, sqrt(avg((a.y - b.y) * (a.y - b.y))) as sigma',
    '  from train a join train b on b.series_id = a.series_id and b.run = a.run and b.idx = a.idx - a.m',
    '  group by a.series_id, a.run',
    ')',
    'select p.series_id, p.run, p.step, src.y as yhat,',
    `  src.y - ${zl} * ${se} as yhat_lower,`,
    `  src.y + ${zl} * ${se} as yhat_upper`,
    `from ${p} p`,
    `left join ${s} src on src.series_id = p.series_id and src.idx = p.cutoff - p.m + ((p.step - 1) % p.m)`,
    'left join spread sp on sp.series_id = p.series_id and sp.run = p.run',
    'order by p.series_id, p.run, p.step',
  ].join('\n');
}
