import { augurs } from './augurs-runtime.js';

/** Point forecasts with interval bounds, one per future period. */
export interface ForecastPath {
  point: number[];
  lower: number[];
  upper: number[];
}

/** How {@link fitForecast} fits. */
export interface FitOptions {
  /** `mstl`: MSTL decomposition with an AutoETS trend; `ets`: AutoETS on the series (no seasonality). */
  method: 'mstl' | 'ets';
  /** Seasonal periods for MSTL; none: MSTL degenerates to ETS on the series. */
  periods: readonly number[];
  horizon: number;
  /** Interval level in (0, 1). */
  level: number;
}

/**
 * Fits the series and forecasts `horizon` periods with intervals at `level`
 * (augurs: MSTL with an AutoETS trend model, or AutoETS with the model form
 * chosen automatically, no seasonal ETS). A constant series forecasts itself
 * with zero-width intervals (ETS has nothing to fit). Throws what augurs
 * throws otherwise.
 */
export function fitForecast(values: readonly number[], options: FitOptions): ForecastPath {
  const { horizon, level } = options;
  if (values.length > 0 && values.every((v) => v === values[0])) {
    const flat = new Array<number>(horizon).fill(values[0]!);
    return { point: flat, lower: [...flat], upper: [...flat] };
  }
  const { MSTL, AutoETS } = augurs();
  const y = Float64Array.from(values);
  const model = options.method === 'mstl' && options.periods.length > 0 ? MSTL.ets(Uint32Array.from(options.periods)) : new AutoETS(1, 'ZZN');
  try {
    model.fit(y);
    const out = model.predict(horizon, level);
    const point = Array.from(out.point);
    const lower = out.intervals ? Array.from(out.intervals.lower) : point.map(() => NaN);
    const upper = out.intervals ? Array.from(out.intervals.upper) : point.map(() => NaN);
    return { point, lower, upper };
  } finally {
    model.free();
  }
}
