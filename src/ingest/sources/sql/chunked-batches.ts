/**
 * Turns chunks of rows from a database into record batches, each with the
 * checkpoint state after its last row.
 */
import { throwIfAborted } from '../../../core/errors.js';
import type { RecordsBatch } from '../../source.js';
import type { CursorTracker } from './cursor-state.js';

/**
 * Yields one batch per non-empty chunk. With a tracker, rows that a previous
 * checkpoint already loaded are dropped and each batch carries the cursor
 * state after it; without one (full refresh) batches carry no state.
 * Stops with an ABORTED error once `signal` fires.
 */
export async function* chunksToBatches(
  chunks: AsyncIterable<Array<Record<string, unknown>>>,
  tracker: CursorTracker | undefined,
  signal?: AbortSignal,
): AsyncGenerator<RecordsBatch> {
  for await (const chunk of chunks) {
    throwIfAborted(signal);
    if (!tracker) {
      if (chunk.length > 0) yield { kind: 'records', records: chunk };
      continue;
    }
    const records = chunk.filter((row) => tracker.accept(row));
    if (records.length === 0) continue;
    const state = tracker.state();
    yield { kind: 'records', records, state: state ? { ...state } : undefined };
  }
}
