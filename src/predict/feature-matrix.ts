import { BasinError } from '../core/errors.js';
import type { ColumnDef, LogicalType } from '../core/types.js';
import type { SqlDialect } from '../warehouse/dialect.js';

const NUMERIC: readonly LogicalType[] = ['integer', 'bigint', 'double', 'decimal', 'boolean'];

/**
 * The feature columns: `explicit` when given (each must be numeric or
 * boolean), else every numeric or boolean column except the id and label.
 * Errors name the model and the column.
 */
export function selectFeatures(
  model: string,
  d: SqlDialect,
  columns: readonly ColumnDef[],
  explicit: readonly string[] | undefined,
  exclude: readonly string[],
): string[] {
  const typeOf = new Map(columns.map((c) => [c.name, d.logicalTypeOf(c.type)]));
  if (explicit) {
    for (const name of explicit) {
      const type = typeOf.get(name);
      if (type === undefined) throw new BasinError('MATERIALIZATION', `model ${model}: feature '${name}' is not a column of the model`);
      if (exclude.includes(name)) throw new BasinError('MATERIALIZATION', `model ${model}: feature '${name}' is the id or label column`);
      if (!NUMERIC.includes(type)) {
        throw new BasinError(
          'MATERIALIZATION',
          `model ${model}: feature '${name}' is ${type}, not numeric or boolean; encode it in the model's SQL (e.g. a CASE per category)`,
        );
      }
    }
    return [...explicit];
  }
  const picked = columns.filter((c) => !exclude.includes(c.name) && NUMERIC.includes(typeOf.get(c.name)!)).map((c) => c.name);
  if (picked.length === 0) throw new BasinError('MATERIALIZATION', `model ${model}: no numeric or boolean feature columns besides the id and label`);
  return picked;
}

/** A feature value as a number: booleans as 0/1, NULL as NaN (imputed later). */
export function featureValue(model: string, column: string, value: unknown): number {
  if (value === null || value === undefined) return NaN;
  if (typeof value === 'boolean') return value ? 1 : 0;
  const n = typeof value === 'bigint' ? Number(value) : typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (!Number.isFinite(n)) throw new BasinError('MATERIALIZATION', `model ${model}: feature '${column}' has a non-numeric value (${String(value)})`);
  return n;
}

/** Per-feature centre and scale learned on the training rows. */
export interface FeatureScaling {
  mean: number[];
  sd: number[];
}

/** Means and standard deviations of each column over `rows` (NaN skipped; sd 0 or undefined -> 1, mean undefined -> 0). */
export function fitScaling(rows: readonly number[][], width: number): FeatureScaling {
  const mean: number[] = [];
  const sd: number[] = [];
  for (let j = 0; j < width; j++) {
    const values = rows.map((r) => r[j]!).filter((v) => !Number.isNaN(v));
    const m = values.length > 0 ? values.reduce((a, b) => a + b, 0) / values.length : 0;
    const v = values.length > 1 ? values.reduce((a, b) => a + (b - m) ** 2, 0) / (values.length - 1) : 0;
    mean.push(m);
    sd.push(v > 0 ? Math.sqrt(v) : 1);
  }
  return { mean, sd };
}

/** Replaces NaN (NULL) with the training mean and, when `standardize`, centres and scales each value. */
export function applyScaling(rows: readonly number[][], scaling: FeatureScaling, standardize: boolean): number[][] {
  return rows.map((r) =>
    r.map((v, j) => {
      const x = Number.isNaN(v) ? scaling.mean[j]! : v;
      return standardize ? (x - scaling.mean[j]!) / scaling.sd[j]! : x;
    }),
  );
}

/** The label as 1, 0, or null (to score only); anything else is an error naming the model and column. */
export function labelValue(model: string, column: string, value: unknown): 0 | 1 | null {
  if (value === null || value === undefined) return null;
  if (value === true || value === 1 || value === 1n || value === '1') return 1;
  if (value === false || value === 0 || value === 0n || value === '0') return 0;
  throw new BasinError('MATERIALIZATION', `model ${model}: label_column '${column}' must be 0/1 or boolean (NULL = score only), got ${String(value)}`);
}
