import { BasinError } from '../core/errors.js';
import type { Row } from '../core/types.js';
import type { FillMode, ForecastSpec } from './forecast-config.js';
import { dayNumber, type PeriodCalendar } from './time-grain.js';

/** One series, on a gap-free period index. */
export interface SeriesFrame {
  /** Values of the `series_by` columns, in order (empty for a single series). */
  key: unknown[];
  /** Period number of the first value. */
  first: number;
  /** The values with gaps filled, one per period from `first`. */
  values: number[];
  /** The values as observed: null where the period had no row or a NULL value. */
  observed: Array<number | null>;
}

const numeric = (v: unknown): number | null => {
  if (v === null || v === undefined) return null;
  const n = typeof v === 'bigint' ? Number(v) : typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : NaN;
};

/**
 * Fills the gaps (nulls) of `observed`: `interpolate` draws a
 * straight line between the observed neighbours, `zero` writes 0 (for counts,
 * where a missing period means nothing happened). Ends are always observed.
 */
export function fillGaps(observed: ReadonlyArray<number | null>, mode: FillMode): number[] {
  const out = observed.map((v) => v ?? NaN);
  for (let i = 0; i < out.length; i++) {
    if (!Number.isNaN(out[i]!)) continue;
    if (mode === 'zero') {
      out[i] = 0;
      continue;
    }
    let j = i;
    while (j < out.length && Number.isNaN(out[j]!)) j++;
    const left = out[i - 1]!;
    const right = out[j]!;
    for (let k = i; k < j; k++) out[k] = left + ((right - left) * (k - i + 1)) / (j - i + 1);
    i = j;
  }
  return out;
}

/**
 * Groups the model's rows into series (by `series_by`), places each row on
 * its period, and fills the periods in between. A row whose time is not a
 * date/timestamp, whose value is not numeric, or that shares a period with
 * another row of its series is an error naming the model and the column.
 * Rows with a NULL value count as missing periods; leading and trailing ones
 * are dropped.
 */
export function buildSeriesFrames(model: string, rows: readonly Row[], spec: ForecastSpec, calendar: PeriodCalendar): SeriesFrame[] {
  const groups = new Map<string, { key: unknown[]; points: Map<number, number | null> }>();
  for (const row of rows) {
    const day = dayNumber(row[spec.timeColumn]);
    if (day === undefined) {
      throw new BasinError('MATERIALIZATION', `model ${model}: time_column ${spec.timeColumn} has a value that is not a date or timestamp (${String(row[spec.timeColumn])})`);
    }
    const value = numeric(row[spec.valueColumn]);
    if (Number.isNaN(value)) {
      throw new BasinError('MATERIALIZATION', `model ${model}: value_column ${spec.valueColumn} has a non-numeric value (${String(row[spec.valueColumn])})`);
    }
    const key = spec.seriesBy.map((c) => row[c] ?? null);
    const id = JSON.stringify(key.map((k) => (k instanceof Date ? k.toISOString() : typeof k === 'bigint' ? k.toString() : k)));
    let group = groups.get(id);
    if (!group) groups.set(id, (group = { key, points: new Map() }));
    const period = calendar.index(day);
    if (group.points.has(period)) {
      const where = spec.seriesBy.length > 0 ? ` in series ${id}` : '';
      throw new BasinError(
        'MATERIALIZATION',
        `model ${model}: two rows for the ${calendar.grain} starting ${calendar.start(period).toISOString().slice(0, 10)}${where}; aggregate to one row per ${spec.timeColumn} (grain ${calendar.grain})`,
      );
    }
    group.points.set(period, value);
  }
  const frames: SeriesFrame[] = [];
  for (const { key, points } of groups.values()) {
    const present = [...points].filter(([, v]) => v !== null).map(([p]) => p);
    if (present.length === 0) continue;
    const first = Math.min(...present);
    const last = Math.max(...present);
    const observed: Array<number | null> = [];
    for (let p = first; p <= last; p++) observed.push(points.get(p) ?? null);
    frames.push({ key, first, values: fillGaps(observed, spec.fill), observed });
  }
  return frames;
}
