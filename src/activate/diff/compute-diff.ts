import type { Logger } from '../../core/logger.js';
import type { Warehouse } from '../../warehouse/warehouse.js';
import { diffError } from './diff-errors.js';
import { planCountsSql, planSql, rejectCountsSql, rejectsSql } from './plan-sql.js';
import { createStateSql } from './state-sql.js';
import { syncTables, validateSyncDiffSpec, type SyncDiffSpec, type SyncTables } from './sync-diff-spec.js';

/** Options of `computeDiff`. */
export interface ComputeDiffOptions {
  logger: Logger;
  /** Schema of the state, plan and rejects tables (default `_basin_activate`). */
  schema?: string;
  signal?: AbortSignal;
}

/** Rows per op of a plan, and source rows rejected per reason. */
export interface DiffCounts {
  add: number;
  change: number;
  remove: number;
  rejected: { null_key: number; duplicate_key: number };
}

export interface DiffResult {
  tables: SyncTables;
  counts: DiffCounts;
  /** Wall time of the diff in milliseconds. */
  durationMs: number;
  /** Milliseconds per step: state DDL, rejects, plan (both in one transaction, commit included in plan), counts. */
  stepsMs: { state: number; rejects: number; plan: number; counts: number };
}

/**
 * Computes a sync's plan in the warehouse: creates the state schema and table
 * when missing, then in one transaction replaces `<sync>__rejects` (NULL and
 * duplicated keys) and `<sync>__plan` (what to send), and counts both.
 * Nothing is read into JavaScript but the counts.
 */
export async function computeDiff(warehouse: Warehouse, spec: SyncDiffSpec, options: ComputeDiffOptions): Promise<DiffResult> {
  validateSyncDiffSpec(spec);
  const started = performance.now();
  const d = warehouse.dialect;
  const tables = syncTables(spec.sync, options.schema);
  const signal = options.signal ? { signal: options.signal } : {};
  let mark = started;
  const lap = (): number => {
    const now = performance.now();
    const ms = now - mark;
    mark = now;
    return Math.round(ms);
  };
  const stepsMs = { state: 0, rejects: 0, plan: 0, counts: 0 };
  try {
    await warehouse.execute(createStateSql(d, tables), signal);
    stepsMs.state = lap();
    await warehouse.transaction(async (tx) => {
      await tx.execute(rejectsSql(d, spec, tables), signal);
      stepsMs.rejects = lap();
      await tx.execute(planSql(d, spec, tables), signal);
    }, signal);
    stepsMs.plan = lap();
    const counts: DiffCounts = { add: 0, change: 0, remove: 0, rejected: { null_key: 0, duplicate_key: 0 } };
    for (const row of (await warehouse.query<{ op: string; n: number }>(planCountsSql(d, tables), [], signal)).rows) {
      if (row.op === 'add' || row.op === 'change' || row.op === 'remove') counts[row.op] = Number(row.n);
    }
    for (const row of (await warehouse.query<{ reason: string; n: number }>(rejectCountsSql(d, tables), [], signal)).rows) {
      if (row.reason === 'null_key' || row.reason === 'duplicate_key') counts.rejected[row.reason] = Number(row.n);
    }
    stepsMs.counts = lap();
    const durationMs = performance.now() - started;
    const rejected = counts.rejected.null_key + counts.rejected.duplicate_key;
    const log = options.logger.child({ sync: spec.sync });
    log.info('activation diff computed', { mode: spec.mode, fullResync: spec.fullResync === true, ...counts, durationMs: Math.round(durationMs), stepsMs });
    if (rejected > 0) log.warn(`${rejected} source rows rejected (NULL or duplicated key), see ${d.relation(tables.rejects)}`, counts.rejected);
    return { tables, counts, durationMs, stepsMs };
  } catch (err) {
    throw diffError(spec.sync, 'computing the diff', err);
  }
}
