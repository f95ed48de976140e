import { z } from 'zod';
import { BasinError } from '../core/errors.js';

/** Period lengths a forecast understands. */
export type Grain = 'day' | 'week' | 'month';

/** How a forecast is made: MSTL (+ ETS trend), ETS alone, or the seasonal-naive baseline in SQL. */
export type ForecastMethod = 'mstl' | 'ets' | 'seasonal_naive';

/** How a period with no row is filled before fitting. */
export type FillMode = 'interpolate' | 'zero';

/** A `materialized: forecast` model's resolved config. */
export interface ForecastSpec {
  timeColumn: string;
  valueColumn: string;
  seriesBy: string[];
  horizon: number;
  grain: Grain | undefined;
  seasonalPeriods: number[] | undefined;
  interval: number;
  method: ForecastMethod;
  fill: FillMode;
}

const columnName = z.string().min(1);

const schema = z.object({
  time_column: columnName,
  value_column: columnName,
  series_by: z.union([columnName, z.array(columnName)]).optional(),
  horizon: z.number().int().min(1).max(10_000),
  grain: z.enum(['day', 'week', 'month']).optional(),
  seasonal_periods: z.array(z.number().int().min(2)).optional(),
  interval: z.number().gt(0).lt(1).default(0.95),
  method: z.enum(['mstl', 'ets', 'seasonal_naive']).default('mstl'),
  fill: z.enum(['interpolate', 'zero']).default('interpolate'),
});

/** The config keys a forecast model reads (the rest of its config is ignored here). */
export const FORECAST_CONFIG_KEYS = Object.keys(schema.shape);

/**
 * Reads a forecast model's config (from `config(...)` or YAML). Throws a
 * MATERIALIZATION error naming the model and the key when it is invalid.
 */
export function parseForecastSpec(model: string, config: Record<string, unknown>): ForecastSpec {
  const picked = Object.fromEntries(FORECAST_CONFIG_KEYS.filter((k) => config[k] !== undefined && config[k] !== null).map((k) => [k, config[k]]));
  const parsed = schema.safeParse(picked);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = issue?.path.join('.') || 'config';
    throw new BasinError('MATERIALIZATION', `model ${model}: forecast config ${key}: ${issue?.message ?? 'invalid'}`, { cause: parsed.error });
  }
  const c = parsed.data;
  const seriesBy = c.series_by === undefined ? [] : typeof c.series_by === 'string' ? [c.series_by] : c.series_by;
  return {
    timeColumn: c.time_column,
    valueColumn: c.value_column,
    seriesBy,
    horizon: c.horizon,
    grain: c.grain,
    seasonalPeriods: c.seasonal_periods,
    interval: c.interval,
    method: c.method,
    fill: c.fill,
  };
}
