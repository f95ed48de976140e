import { BasinError } from '../../core/errors.js';
import type { Row } from '../../core/types.js';
import type { Warehouse } from '../../warehouse/warehouse.js';
import { diffError } from './diff-errors.js';
import { PLAN_COLUMNS } from './plan-sql.js';
import { planPageSql } from './read-plan-sql.js';
import { PLAN_OPS, syncTables, type PlanOp, type SyncDiffSpec } from './sync-diff-spec.js';

/** One row to send. */
export interface PlanRow {
  /** Position in the plan (1..), for logs and resuming. */
  seq: number;
  op: PlanOp;
  /** The encoded key, as recorded in the state (pass it back in the outcome). */
  key: string;
  /** The payload hash (NULL for removes; pass it back in the outcome). */
  hash: string | null;
  /** Output field -> value (every field NULL for removes). */
  payload: Row;
}

/** A batch of plan rows, all of one op. */
export interface PlanBatch {
  op: PlanOp;
  rows: PlanRow[];
}

export interface ReadPlanOptions {
  /** Rows per batch (default 1,000). */
  batchSize?: number;
  /** Ops to read, in this order (default add, change, remove). */
  ops?: readonly PlanOp[];
  schema?: string;
  signal?: AbortSignal;
}

/**
 * Reads the plan of the last `computeDiff` in batches of one op each, ops in
 * the given order, by keyset pagination on `_basin_seq` (one page in memory at
 * a time). `spec` gives the payload fields to read.
 */
export async function* readPlan(
  warehouse: Warehouse,
  spec: Pick<SyncDiffSpec, 'sync' | 'payload'>,
  options: ReadPlanOptions = {},
): AsyncGenerator<PlanBatch> {
  const batchSize = options.batchSize ?? 1000;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new BasinError('USAGE', `batchSize must be a positive integer, got ${batchSize}`);
  const tables = syncTables(spec.sync, options.schema);
  const fields = spec.payload.map((m) => m.field);
  const sql = planPageSql(warehouse.dialect, tables, fields, batchSize);
  const signal = options.signal ? { signal: options.signal } : {};
  for (const op of options.ops ?? PLAN_OPS) {
    let after = 0;
    for (;;) {
      let rows: Row[];
      try {
        rows = (await warehouse.query(sql, [op, after], signal)).rows;
      } catch (err) {
        throw diffError(spec.sync, 'reading the plan', err);
      }
      if (rows.length === 0) break;
      const batch = rows.map((r): PlanRow => {
        const payload: Row = {};
        for (const f of fields) payload[f] = r[f];
        return {
          seq: Number(r[PLAN_COLUMNS.seq]),
          op,
          key: r[PLAN_COLUMNS.key] as string,
          hash: (r[PLAN_COLUMNS.hash] as string | null) ?? null,
          payload,
        };
      });
      after = batch[batch.length - 1]!.seq;
      yield { op, rows: batch };
      if (rows.length < batchSize) break;
    }
  }
}
