/**
 * Test helper: drains a stream's read() into its records and states.
 */
import { silentLogger } from '../../../../core/logger.js';
import type { RecordsBatch, Stream, StreamState } from '../../../source.js';

/** Everything one read yielded. */
export interface ReadResult {
  batches: RecordsBatch[];
  records: Array<Record<string, unknown>>;
  states: Array<StreamState | undefined>;
}

/** Reads a stream to the end (or `maxBatches`, simulating a crash after them). */
export async function readAll(
  stream: Stream,
  options: { state?: StreamState | undefined; fullRefresh?: boolean; maxBatches?: number } = {},
): Promise<ReadResult> {
  const out: ReadResult = { batches: [], records: [], states: [] };
  const signal = new AbortController().signal;
  for await (const batch of stream.read({
    state: options.state,
    fullRefresh: options.fullRefresh ?? false,
    signal,
    logger: silentLogger,
  })) {
    if (batch.kind !== 'records') throw new Error('expected records');
    out.batches.push(batch);
    out.records.push(...batch.records);
    out.states.push(batch.state);
    if (options.maxBatches !== undefined && out.batches.length >= options.maxBatches) break;
  }
  return out;
}
