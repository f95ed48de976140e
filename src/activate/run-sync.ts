/**
 * One run of a sync: diff the model against what was delivered (in the
 * warehouse), check the mode against the destination's capabilities and the
 * mirror guard, then deliver the plan in batches within the destination's
 * limits and record every row's outcome in the sync's state. A dry run stops
 * after the diff and returns a sample of what would be sent.
 *
 * A whole-table destination (a sheet) is rewritten in full when anything
 * changed (replace-sync.ts).
 *
 * Row failures are kept with the destination's message (state table, and a
 * sample in the result) and retried on the next run. A whole batch that
 * cannot be delivered counts its rows failed; three such batches in a row
 * stop the run (the rest stays in the plan for the next one).
 */
import { BasinError, errorMessage } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { SyncConfig } from '../config/sync-config.js';
import type { Warehouse } from '../warehouse/warehouse.js';
import type { DestinationFactory, DestinationOp, DestinationRecord, DestinationWriter, RecordResult } from './destination.js';
import { replaceTable } from './replace-sync.js';
import { computeDiff, readPlan, recordOutcomes, syncTables, type DeliveryOutcome, type PlanOp, type PlanRow, type SyncDiffSpec } from './diff/index.js';
import { syncSelectSql, type SyncInput } from './sync-select-sql.js';

/** Consecutive whole-batch failures that stop a run. */
const MAX_FAILED_BATCHES = 3;
/** Failures kept in the result (all are in the state table). */
const FAILURE_SAMPLE = 100;

export interface RunSyncOptions {
  sync: SyncConfig;
  /** The destination's validated config (the factory's schema already applied). */
  destinationConfig: unknown;
  factory: DestinationFactory;
  warehouse: Warehouse;
  input: SyncInput;
  runId: string;
  fullResync?: boolean | undefined;
  dryRun?: boolean | undefined;
  /** Rows shown per op in a dry run (default 20). */
  sampleSize?: number | undefined;
  /** Hides secret values in stored and shown messages. */
  scrub?: ((text: string) => string) | undefined;
  signal?: AbortSignal | undefined;
  logger: Logger;
  onProgress?: ((progress: { sent: number; failed: number; planned: number }) => void) | undefined;
}

/** One row that failed. */
export interface SyncFailure {
  key: string;
  op: PlanOp;
  error: string;
}

export interface SyncRunResult {
  sync: string;
  dryRun: boolean;
  /** Planned rows per op (what the diff found). */
  planned: { add: number; change: number; remove: number };
  /** Delivered rows per op (0 in a dry run). */
  added: number;
  changed: number;
  removed: number;
  failed: number;
  /** Source rows never sent: NULL or duplicated keys (kept in `_basin_activate.<sync>__rejects`). */
  rejected: { null_key: number; duplicate_key: number };
  failures: SyncFailure[];
  /** Dry run: the first rows of each op as they would be sent. */
  sample?: Array<{ op: PlanOp; key: string; fields: Record<string, unknown> }> | undefined;
  /** Set when the run stopped before delivering everything (destination unreachable). */
  stopped?: string | undefined;
  seconds: number;
}

/** The destination op a plan op is sent as, for a sync mode. */
export function destinationOp(op: PlanOp, mode: SyncConfig['mode']): DestinationOp {
  if (op === 'remove') return 'delete';
  if (mode === 'insert') return 'insert';
  if (mode === 'update') return 'update';
  return 'upsert';
}

/** The ops a mode needs from the destination. */
export function opsNeeded(mode: SyncConfig['mode']): DestinationOp[] {
  if (mode === 'mirror') return ['upsert', 'delete'];
  return [destinationOp('add', mode)];
}

function toRecord(row: PlanRow): DestinationRecord {
  return { key: row.key, fields: row.op === 'remove' ? {} : { ...row.payload } };
}

/** Runs the sync once. */
export async function runSync(options: RunSyncOptions): Promise<SyncRunResult> {
  const started = Date.now();
  const { sync, warehouse, logger, signal } = options;
  const scrub = options.scrub ?? ((t: string) => t);
  const log = logger.child({ sync: sync.name });
  const select = syncSelectSql(sync, options.input, warehouse.dialect);
  const spec: SyncDiffSpec = { sync: sync.name, source: { sql: select.sql }, key: select.key, payload: select.payload, mode: sync.mode, fullResync: options.fullResync ?? false };

  const writer: DestinationWriter | undefined = options.dryRun
    ? undefined
    : await options.factory.open(options.destinationConfig, { object: sync.object, keyField: sync.destinationKey }, { logger: log, sync: sync.name, rateLimit: sync.rateLimit });
  try {
    if (writer) {
      const missing = opsNeeded(sync.mode).filter((op) => !writer.capabilities.ops.includes(op));
      if (missing.length > 0) {
        throw new BasinError(
          'CONFIG_INVALID',
          `${sync.file}: mode ${sync.mode} needs ${missing.join(' and ')}, which ${options.factory.type} ${sync.object} does not support (it supports ${writer.capabilities.ops.join(', ')})`,
        );
      }
    }
    if (writer?.capabilities.replace && writer.replace) {
      return await replaceRun(options, spec, { ...writer, replace: writer.replace.bind(writer) }, started);
    }
    const diff = await computeDiff(warehouse, spec, { logger: log, ...(signal ? { signal } : {}) });
    const counts = diff.counts;
    const result: SyncRunResult = {
      sync: sync.name,
      dryRun: options.dryRun === true,
      planned: { add: counts.add, change: counts.change, remove: counts.remove },
      added: 0,
      changed: 0,
      removed: 0,
      failed: 0,
      rejected: { ...counts.rejected },
      failures: [],
      seconds: 0,
    };
    if (counts.remove > 0) await guardRemoves(warehouse, sync, counts.remove);

    if (!writer) {
      const size = options.sampleSize ?? 20;
      result.sample = [];
      for (const op of ['add', 'change', 'remove'] as const) {
        for await (const batch of readPlan(warehouse, spec, { batchSize: size, ops: [op], ...(signal ? { signal } : {}) })) {
          result.sample.push(...batch.rows.map((r) => ({ op: r.op, key: r.key, fields: toRecord(r).fields as Record<string, unknown> })));
          break;
        }
      }
      result.seconds = (Date.now() - started) / 1000;
      return result;
    }

    const batchSize = Math.max(1, Math.min(sync.batchSize ?? writer.capabilities.maxBatch, writer.capabilities.maxBatch));
    const planned = counts.add + counts.change + counts.remove;
    let failedBatches = 0;
    for await (const batch of readPlan(warehouse, spec, { batchSize, ...(signal ? { signal } : {}) })) {
      const op = destinationOp(batch.op, sync.mode);
      let results: RecordResult[];
      try {
        results = await writer.write(op, batch.rows.map(toRecord), { signal });
        if (results.length !== batch.rows.length) {
          throw new BasinError('INTERNAL', `destination ${options.factory.type} returned ${results.length} results for ${batch.rows.length} records`);
        }
        failedBatches = 0;
      } catch (err) {
        if (signal?.aborted) throw err;
        const message = scrub(errorMessage(err));
        log.warn(`batch of ${batch.rows.length} ${batch.op} row(s) failed: ${message}`);
        results = batch.rows.map(() => ({ ok: false, error: message }));
        failedBatches++;
      }
      const outcomes: DeliveryOutcome[] = batch.rows.map((row, i) => {
        const r = results[i]!;
        return r.ok ? { key: row.key, op: row.op, hash: row.hash, ok: true } : { key: row.key, op: row.op, hash: row.hash, ok: false, error: scrub(r.error) };
      });
      await recordOutcomes(warehouse, sync.name, outcomes, { runId: options.runId, logger: log, ...(signal ? { signal } : {}) });
      for (const o of outcomes) {
        if (!o.ok) {
          result.failed++;
          if (result.failures.length < FAILURE_SAMPLE) result.failures.push({ key: o.key, op: o.op, error: o.error ?? 'failed' });
        } else if (o.op === 'add') result.added++;
        else if (o.op === 'change') result.changed++;
        else result.removed++;
      }
      options.onProgress?.({ sent: result.added + result.changed + result.removed, failed: result.failed, planned });
      if (failedBatches >= MAX_FAILED_BATCHES) {
        result.stopped = `${MAX_FAILED_BATCHES} batches in a row could not be delivered; the rest is sent on the next run`;
        log.warn(result.stopped);
        break;
      }
    }
    result.seconds = (Date.now() - started) / 1000;
    return result;
  } finally {
    await writer?.close?.();
  }
}

/** A run of a whole-table destination: rewrite the table when anything changed. */
async function replaceRun(
  options: RunSyncOptions,
  spec: SyncDiffSpec,
  writer: DestinationWriter & { replace: NonNullable<DestinationWriter['replace']> },
  started: number,
): Promise<SyncRunResult> {
  const { sync } = options;
  const outcome = await replaceTable({
    warehouse: options.warehouse,
    spec,
    writer,
    runId: options.runId,
    scrub: options.scrub ?? ((t: string) => t),
    logger: options.logger.child({ sync: sync.name }),
    signal: options.signal,
  });
  const { counts } = outcome;
  const ok = outcome.error === undefined;
  return {
    sync: sync.name,
    dryRun: false,
    planned: { add: counts.add, change: counts.change, remove: counts.remove },
    added: ok ? counts.add : 0,
    changed: ok ? counts.change : 0,
    removed: ok ? counts.remove : 0,
    failed: ok ? 0 : outcome.recorded,
    rejected: { ...counts.rejected },
    failures: ok ? [] : [{ key: '*', op: 'change', error: outcome.error ?? 'failed' }],
    ...(ok ? {} : { stopped: `the ${options.factory.type} table could not be rewritten; it is sent again on the next run` }),
    seconds: (Date.now() - started) / 1000,
  };
}

/** Mirror mode: refuses a run that would remove more than `maxRemoveShare` of what was delivered. */
async function guardRemoves(warehouse: Warehouse, sync: SyncConfig, removes: number): Promise<void> {
  const state = warehouse.dialect.relation(syncTables(sync.name).state);
  const { rows } = await warehouse.query<{ n: number | bigint }>(`SELECT COUNT(*) AS n FROM ${state} WHERE delivered_hash IS NOT NULL`);
  const delivered = Number(rows[0]?.n ?? 0);
  if (delivered > 0 && removes / delivered > sync.maxRemoveShare) {
    throw new BasinError(
      'USAGE',
      `${sync.file}: this run would remove ${removes} of ${delivered} delivered record(s) (more than max_remove_share ${sync.maxRemoveShare}); ` +
        'check the model, or raise max_remove_share if that is intended',
    );
  }
}
