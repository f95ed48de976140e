/**
 * Delivery to a whole-table destination (`capabilities.replace`, a sheet):
 * the diff only decides whether anything changed since the last delivery
 * (rows added, changed or gone, as in mirror mode); when something did, every
 * current row is sent at once, in key order, and the destination rewrites
 * its table. All or nothing: the state then records every row as delivered
 * (and the gone ones as removed), or every row as failed with the
 * destination's message, retried on the next run.
 */
import { errorMessage } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { Warehouse } from '../warehouse/warehouse.js';
import type { DestinationRecord, DestinationWriter } from './destination.js';
import { computeDiff, readPlan, recordOutcomes, type DeliveryOutcome, type DiffCounts, type PlanRow, type SyncDiffSpec } from './diff/index.js';

/** Outcomes recorded per statement batch. */
const RECORD_CHUNK = 10_000;

export interface ReplaceRunResult {
  /** What changed since the last delivery (the run's planned counts). */
  counts: DiffCounts;
  /** Rows now in the destination (0 when nothing was sent). */
  sent: number;
  /** Rows whose outcome was recorded: every current row and every row that left (0 when nothing was sent). */
  recorded: number;
  /** Set when the destination could not be rewritten: every current row failed with it. */
  error?: string | undefined;
}

const collator = new Intl.Collator('en', { numeric: true });

/** Runs one delivery to a whole-table destination. */
export async function replaceTable(options: {
  warehouse: Warehouse;
  /** The sync's diff spec (its mode is replaced by mirror: rows that left the model change the table too). */
  spec: SyncDiffSpec;
  writer: DestinationWriter & { replace: NonNullable<DestinationWriter['replace']> };
  runId: string;
  scrub: (text: string) => string;
  logger: Logger;
  signal?: AbortSignal | undefined;
}): Promise<ReplaceRunResult> {
  const { warehouse, writer, logger, signal } = options;
  const spec: SyncDiffSpec = { ...options.spec, mode: 'mirror' };
  const signalOption = signal ? { signal } : {};
  const changes = await computeDiff(warehouse, { ...spec, fullResync: false }, { logger, ...signalOption });
  const counts = changes.counts;
  if (counts.add + counts.change + counts.remove === 0 && !options.spec.fullResync) return { counts, sent: 0, recorded: 0 };

  // Everything current (and what left) is the plan of a full resync.
  await computeDiff(warehouse, { ...spec, fullResync: true }, { logger, ...signalOption });
  const current: PlanRow[] = [];
  const removed: PlanRow[] = [];
  for await (const batch of readPlan(warehouse, spec, { batchSize: RECORD_CHUNK, ...signalOption })) {
    (batch.op === 'remove' ? removed : current).push(...batch.rows);
  }
  current.sort((a, b) => collator.compare(a.key, b.key));
  const records: DestinationRecord[] = current.map((r) => ({ key: r.key, fields: { ...r.payload } }));

  let error: string | undefined;
  try {
    await writer.replace(records, { fields: spec.payload.map((p) => p.field), signal });
  } catch (err) {
    if (signal?.aborted) throw err;
    error = options.scrub(errorMessage(err));
    logger.warn(`the destination table could not be rewritten: ${error}`);
  }
  const outcomes: DeliveryOutcome[] = [...current, ...removed].map((r) =>
    error === undefined ? { key: r.key, op: r.op, hash: r.hash, ok: true } : { key: r.key, op: r.op, hash: r.hash, ok: false, error },
  );
  for (let i = 0; i < outcomes.length; i += RECORD_CHUNK) {
    await recordOutcomes(warehouse, spec.sync, outcomes.slice(i, i + RECORD_CHUNK), { runId: options.runId, logger, ...signalOption });
  }
  return { counts, sent: error === undefined ? records.length : 0, recorded: outcomes.length, error };
}
