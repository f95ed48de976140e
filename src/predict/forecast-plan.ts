import type { ForecastSpec, Grain } from './forecast-config.js';
import { seasonalPeriodsFor } from './time-grain.js';

/** Fewest periods a series needs to be fitted; shorter ones get actuals only. */
export const MIN_FIT_PERIODS = 4;

/** How one series is forecast and backtested. */
export interface SeriesPlan {
  length: number;
  /** Seasonal periods for the forecast (sorted; empty: none). */
  periods: number[];
  /** Season length of the seasonal-naive baseline: the shortest period, 1 (naive) without one. */
  baselineSeason: number;
  /** Periods held out for the backtest: `min(horizon, floor(length / 4))`; 0 when the rest would be too short to fit. */
  holdout: number;
  /** Seasonal periods refitted on the backtest's training part. */
  backtestPeriods: number[];
  backtestSeason: number;
  /** Why the series is not forecast or not backtested, if so. */
  note: string | undefined;
}

/** Plans one series of `length` periods. */
export function planSeries(spec: ForecastSpec, grain: Grain, length: number): SeriesPlan {
  const periods = seasonalPeriodsFor(grain, length, spec.seasonalPeriods);
  let holdout = Math.min(spec.horizon, Math.floor(length / 4));
  if (length - holdout < MIN_FIT_PERIODS) holdout = 0;
  const backtestPeriods = holdout > 0 ? seasonalPeriodsFor(grain, length - holdout, spec.seasonalPeriods) : [];
  const notes: string[] = [];
  if (length < MIN_FIT_PERIODS) notes.push(`only ${length} period(s) of history: not forecast (needs ${MIN_FIT_PERIODS})`);
  else if (holdout === 0) notes.push(`too short to backtest (${length} periods)`);
  const unbacktested = periods.filter((p) => holdout > 0 && !backtestPeriods.includes(p));
  if (unbacktested.length > 0) notes.push(`the backtest ran without seasonal period(s) ${unbacktested.join(', ')}: too little history before the holdout`);
  const dropped = (spec.seasonalPeriods ?? []).filter((p) => !periods.includes(p));
  if (dropped.length > 0) notes.push(`seasonal period(s) ${dropped.join(', ')} need two full cycles of history: left out`);
  return {
    length,
    periods,
    baselineSeason: periods[0] ?? 1,
    holdout,
    backtestPeriods,
    backtestSeason: backtestPeriods[0] ?? 1,
    note: notes.length > 0 ? notes.join('; ') : undefined,
  };
}
