/** Accuracy of a forecast over held-out periods. */
export interface ForecastAccuracy {
  /** Mean absolute error. */
  mae: number | null;
  /** Mean absolute percentage error, as a fraction (0.05 = 5%), over periods whose actual is not 0. */
  mape: number | null;
  /** Share of actuals inside [lower, upper]; null when the forecast has no intervals. */
  coverage: number | null;
}

/**
 * MAE, MAPE and interval coverage of forecasts against actuals (same
 * length). Periods with a missing forecast are skipped; NaN/null bounds count
 * as no interval.
 */
export function forecastAccuracy(
  actual: readonly number[],
  point: ReadonlyArray<number | null>,
  lower: ReadonlyArray<number | null>,
  upper: ReadonlyArray<number | null>,
): ForecastAccuracy {
  let n = 0;
  let abs = 0;
  let pctN = 0;
  let pct = 0;
  let covN = 0;
  let inside = 0;
  for (let i = 0; i < actual.length; i++) {
    const y = actual[i]!;
    const f = point[i];
    if (f === null || f === undefined || !Number.isFinite(f)) continue;
    n++;
    abs += Math.abs(y - f);
    if (y !== 0) {
      pctN++;
      pct += Math.abs((y - f) / y);
    }
    const lo = lower[i];
    const hi = upper[i];
    if (lo !== null && lo !== undefined && hi !== null && hi !== undefined && Number.isFinite(lo) && Number.isFinite(hi)) {
      covN++;
      if (y >= lo && y <= hi) inside++;
    }
  }
  return { mae: n > 0 ? abs / n : null, mape: pctN > 0 ? pct / pctN : null, coverage: covN > 0 ? inside / covN : null };
}
