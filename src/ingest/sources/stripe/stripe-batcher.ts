import type { RecordsBatch, StreamState } from '../../source.js';
import type { StripeObject } from './stripe-api.js';

/** Gathers pages into batches of about `size` records; each batch carries the state after its last page. */
export class StripeBatcher {
  private records: StripeObject[] = [];
  private deleted: unknown[][] = [];
  constructor(private readonly size: number) {}

  /** Adds a page; returns a batch when `size` records (or deletions) have gathered. */
  add(records: StripeObject[], state: StreamState | undefined, deleted: unknown[][] = []): RecordsBatch | undefined {
    this.records.push(...records);
    this.deleted.push(...deleted);
    return this.records.length + this.deleted.length >= this.size ? this.flush(state) : undefined;
  }

  /** The gathered records as a batch with `state` (also when empty, so the state is saved). */
  flush(state: StreamState | undefined): RecordsBatch {
    const batch: RecordsBatch = { kind: 'records', records: this.records, state };
    if (this.deleted.length > 0) batch.deletedKeys = this.deleted;
    this.records = [];
    this.deleted = [];
    return batch;
  }
}
