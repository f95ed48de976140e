import type { StripeObject } from './stripe-api.js';
import type { Watch } from './stripe-state.js';
import type { StripeStreamSpec } from './stripe-streams.js';

/**
 * Streams without events (refunds, balance transactions) are read again from
 * their largest `created`, and also from the oldest record that could still
 * change (a pending balance transaction becomes available, a pending refund
 * succeeds or fails). The watch remembers those records' status, plus the
 * records on the cursor's own second (re-read by `created[gte]`), so an
 * incremental run emits exactly the new records and the ones whose status
 * moved.
 */

/** The lower bound of the next run: the cursor, or the oldest watched record if older. */
export function watchLowerBound(cursor: number, watch: Watch | undefined): number {
  let bound = cursor;
  for (const [created] of Object.values(watch ?? {})) if (created < bound) bound = created;
  return bound;
}

const statusOf = (record: StripeObject): string => String(record['status'] ?? '');
const createdOf = (record: StripeObject): number | undefined => (typeof record['created'] === 'number' ? record['created'] : undefined);

/** Whether an incremental run should emit `record`: new since `known.cursor`, or watched with a different status. */
export function isChange(record: StripeObject, known: { cursor: number; watch: Watch }): boolean {
  const seen = known.watch[String(record['id'])];
  if (seen) return seen[1] !== statusOf(record);
  const created = createdOf(record);
  return created === undefined || created >= known.cursor;
}

/** Adds `records` to `watch` when they may still change; returns the watch. */
export function watchRecords(spec: StripeStreamSpec, watch: Watch, records: readonly StripeObject[]): Watch {
  for (const record of records) {
    const created = createdOf(record);
    if (created !== undefined && spec.mutable?.(record)) watch[String(record['id'])] = [created, statusOf(record)];
  }
  return watch;
}

/** Keeps in `edge` the records on the largest second seen (re-read next time by `created[gte]`); returns the new largest second. */
export function trackEdge(edge: Watch, max: number | undefined, records: readonly StripeObject[]): number | undefined {
  let top = max;
  for (const record of records) {
    const created = createdOf(record);
    if (created === undefined) continue;
    if (top === undefined || created > top) {
      for (const id of Object.keys(edge)) delete edge[id];
      top = created;
    }
    if (created === top) edge[String(record['id'])] = [created, statusOf(record)];
  }
  return top;
}
