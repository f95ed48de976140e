import { BasinError } from '../core/errors.js';
import type { ColumnDef, Row, TableRef } from '../core/types.js';
import type { Warehouse } from '../warehouse/warehouse.js';

/** What every prediction materialization receives. */
export interface PredictionInput {
  warehouse: Warehouse;
  /** The model's name, for error messages. */
  model: string;
  /** The model's resolved config (materialized, forecast or classifier keys, ...). */
  config: Record<string, unknown>;
  /** The model's relation; companion tables are named `<name>__evaluation`, `<name>__calibration`. */
  target: TableRef;
  /** The compiled SELECT that yields the input rows. */
  sql: string;
  signal?: AbortSignal | undefined;
}

/** A table a prediction wrote. */
export interface WrittenTable {
  ref: TableRef;
  rows: number;
}

/** What a prediction materialization did. */
export interface PredictionOutcome {
  /** dbt-style message, e.g. `FORECAST 6 x 1 series`. */
  message: string;
  /** Rows written to the model's own relation. */
  rows: number;
  /** Every table written, the model's relation first. */
  tables: WrittenTable[];
}

/** A companion table of the model: `<name>__<suffix>` beside it. */
export const companionRef = (target: TableRef, suffix: string): TableRef => ({ ...target, name: `${target.name}__${suffix}` });

/** Runs the model's SELECT and checks that the named columns exist (error names the model and the column). */
export async function readModelRows(
  input: PredictionInput,
  required: ReadonlyArray<{ key: string; column: string }>,
): Promise<{ rows: Row[]; columns: ColumnDef[] }> {
  const res = await input.warehouse.query(input.sql, [], input.signal ? { signal: input.signal } : {});
  const names = new Set(res.columns.map((c) => c.name));
  for (const { key, column } of required) {
    if (!names.has(column)) {
      throw new BasinError(
        'MATERIALIZATION',
        `model ${input.model}: ${key} '${column}' is not a column of the model (columns: ${res.columns.map((c) => c.name).join(', ')})`,
      );
    }
  }
  return { rows: res.rows, columns: res.columns };
}
