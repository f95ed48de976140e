import { randomBytes } from 'node:crypto';
import { BasinError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import type { Row } from '../../core/types.js';
import type { Warehouse } from '../../warehouse/warehouse.js';
import { diffError } from './diff-errors.js';
import { applyOutcomesSql, createOutcomeStagingSql, outcomeColumns } from './outcome-sql.js';
import { createStateSql } from './state-sql.js';
import { PLAN_OPS, syncTables, type PlanOp } from './sync-diff-spec.js';

/** What happened to one plan row at the destination. */
export interface DeliveryOutcome {
  key: string;
  op: PlanOp;
  /** The plan row's hash (NULL for removes). */
  hash: string | null;
  ok: boolean;
  /** Why it failed (kept in the state's `error`). */
  error?: string;
}

export interface RecordOutcomesOptions {
  /** The run that delivered (kept in the state's `run_id`). */
  runId: string;
  logger: Logger;
  schema?: string;
  signal?: AbortSignal;
}

export interface RecordedOutcomes {
  succeeded: number;
  failed: number;
}

/**
 * Records a delivered batch in the sync's state: bulk-loads the outcomes into
 * a staging table, then applies them with four set-based statements in one
 * transaction (see `applyOutcomesSql`). When a key appears twice in the batch,
 * its last outcome counts. Holds the batch in memory: call once per batch.
 */
export async function recordOutcomes(
  warehouse: Warehouse,
  sync: string,
  outcomes: Iterable<DeliveryOutcome> | AsyncIterable<DeliveryOutcome>,
  options: RecordOutcomesOptions,
): Promise<RecordedOutcomes> {
  const tables = syncTables(sync, options.schema);
  const byKey = new Map<string, DeliveryOutcome>();
  for await (const outcome of outcomes) {
    checkOutcome(sync, outcome);
    byKey.delete(outcome.key);
    byKey.set(outcome.key, outcome);
  }
  let succeeded = 0;
  for (const o of byKey.values()) if (o.ok) succeeded++;
  const result = { succeeded, failed: byKey.size - succeeded };
  if (byKey.size === 0) return result;

  const d = warehouse.dialect;
  const staging = { schema: tables.state.schema, name: `${sync}__out_${randomBytes(5).toString('hex')}` };
  const signal = options.signal ? { signal: options.signal } : {};
  try {
    await warehouse.execute([...createStateSql(d, tables), ...createOutcomeStagingSql(d, staging)], signal);
    const rows = (function* (): Generator<Row> {
      for (const o of byKey.values()) {
        yield { key: o.key, op: o.op, payload_hash: o.hash, succeeded: o.ok, error: o.ok ? null : (o.error ?? null) };
      }
    })();
    await warehouse.bulkLoad(staging, rows, { columns: outcomeColumns(d), ...signal });
    await warehouse.transaction((tx) => tx.execute(applyOutcomesSql(d, tables, staging, options.runId), signal), signal);
  } catch (err) {
    throw diffError(sync, 'recording outcomes', err);
  } finally {
    await warehouse.execute(d.dropRelation(staging, 'table')).catch((err: unknown) => {
      options.logger.warn('could not drop an outcome staging table', { sync, table: staging.name, error: String(err) });
    });
  }
  options.logger.debug('activation outcomes recorded', { sync, ...result });
  return result;
}

function checkOutcome(sync: string, o: DeliveryOutcome): void {
  const fail = (message: string): never => {
    throw new BasinError('USAGE', `sync ${sync}: outcome for key ${JSON.stringify(o.key)}: ${message}`);
  };
  if (typeof o.key !== 'string') fail('key must be a string');
  if (!PLAN_OPS.includes(o.op)) fail(`op must be add, change or remove, got ${JSON.stringify(o.op)}`);
  if (o.op !== 'remove' && typeof o.hash !== 'string') fail('an add or change needs the plan row\'s hash');
}
