/**
 * The object writes of one batch: upsert (`batch/upsert` by idProperty),
 * update (`batch/update` by idProperty or record id), insert (`batch/create`)
 * and delete (ids read by idProperty, then `batch/archive`; a key no record
 * has is already deleted). Each input carries its place in the batch as
 * `objectWriteTraceId`; HubSpot's per-input errors (207) fail the records
 * their trace ids or ids name, with HubSpot's message. A 400 about values
 * (an option not on the list, a number that is not one) is split in halves
 * until the refused records are alone, each failed with HubSpot's message;
 * a 400 about the request itself (an unknown or read-only property, a key
 * that is not a unique property) throws, failing the batch.
 */
import { errorMessage } from '../../../core/errors.js';
import type { HttpClient } from '../../../ingest/http/index.js';
import type { RecordResult } from '../../destination.js';
import { idsByProperty, normalizedKey, objectBatchUrl, postBatch } from './hubspot-api.js';
import { isValueRefusal, type BatchErrorItem } from './hubspot-errors.js';
import { RECORD_ID, type HubSpotTarget } from './hubspot-target.js';
import type { HubSpotInput } from './hubspot-values.js';

/** One record on its way: its place in the batch, its key and its input. */
export interface PendingRecord {
  index: number;
  key: string;
  input: HubSpotInput;
}

/** What the writes share. */
export interface WriteScope {
  http: HttpClient;
  target: HubSpotTarget;
  signal: AbortSignal | undefined;
  /** One result per record of the batch, filled in as the writes learn them. */
  results: RecordResult[];
}

function inputOf(op: 'upsert' | 'update' | 'insert', record: PendingRecord, keyField: string, trace: number): Record<string, unknown> {
  const match = op === 'insert' ? {} : keyField === RECORD_ID ? { id: record.key } : { id: record.key, idProperty: keyField };
  return { ...match, properties: record.input.properties, objectWriteTraceId: String(trace) };
}

/** The records an error item names, by trace id or by id. */
function named(item: BatchErrorItem, records: readonly PendingRecord[], keyField: string): PendingRecord[] {
  const byTrace = item.traceIds.map((t) => records[Number(t)]).filter((r): r is PendingRecord => r !== undefined);
  if (byTrace.length > 0) return byTrace;
  const ids = new Set(item.ids.map((id) => normalizedKey(keyField, id)));
  return records.filter((r) => ids.has(normalizedKey(keyField, r.key)));
}

/**
 * Writes the properties of `records`; fails the refused ones in `scope.results`
 * and returns the record ids HubSpot answered with for the others (by batch index).
 */
export async function writeProperties(scope: WriteScope, op: 'upsert' | 'update' | 'insert', records: readonly PendingRecord[]): Promise<Map<number, string>> {
  const ids = new Map<number, string>();
  if (records.length === 0) return ids;
  const { target } = scope;
  const answer = await postBatch(scope.http, objectBatchUrl(target.object, op === 'insert' ? 'create' : op), { inputs: records.map((r, k) => inputOf(op, r, target.keyField, k)) }, {
    signal: scope.signal,
    // Creating twice makes two records; upsert and update by key are safe to resend.
    idempotent: op !== 'insert',
  });
  if (answer.refused) {
    if (!isValueRefusal(answer.refusal)) throw answer.error;
    if (records.length === 1) {
      scope.results[records[0]!.index] = { ok: false, error: answer.refusal.message };
      return ids;
    }
    const half = Math.ceil(records.length / 2);
    for (const part of [records.slice(0, half), records.slice(half)]) {
      try {
        for (const [index, id] of await writeProperties(scope, op, part)) ids.set(index, id);
      } catch (err) {
        // Other parts may be written already: fail only this one's records, so results say what happened.
        if (scope.signal?.aborted) throw err;
        for (const r of part) scope.results[r.index] = { ok: false, error: errorMessage(err) };
      }
    }
    return ids;
  }
  const failed = new Set<number>();
  const unnamed: string[] = [];
  for (const item of answer.errors) {
    const hit = named(item, records, target.keyField);
    if (hit.length === 0) unnamed.push(item.message);
    for (const r of hit) {
      failed.add(r.index);
      scope.results[r.index] = { ok: false, error: item.message };
    }
  }
  const idByKey = new Map<string, string>();
  for (const r of answer.results) {
    const value = target.keyField === RECORD_ID ? r.id : r.properties[target.keyField];
    if (typeof value === 'string' && r.id !== '') idByKey.set(normalizedKey(target.keyField, value), r.id);
  }
  for (const r of records) {
    if (failed.has(r.index)) continue;
    const id = idByKey.get(normalizedKey(target.keyField, r.key));
    // An error HubSpot did not tie to an input: only records its results confirm are delivered.
    if (unnamed.length > 0 && id === undefined) scope.results[r.index] = { ok: false, error: unnamed.join('; ') };
    else if (id !== undefined) ids.set(r.index, id);
  }
  return ids;
}

/** Archives the records `keys` name; a key no live record has counts as deleted. */
export async function deleteRecords(scope: WriteScope, records: readonly PendingRecord[]): Promise<void> {
  if (records.length === 0) return;
  const { target } = scope;
  const lookup = await idsByProperty(scope.http, target.object, target.keyField, records.map((r) => r.key), scope.signal);
  if (lookup.refused) throw lookup.refused.error;
  const ids = [...new Set(records.flatMap((r) => lookup.found.get(normalizedKey(target.keyField, r.key)) ?? []))];
  if (ids.length === 0) return;
  const answer = await postBatch(scope.http, objectBatchUrl(target.object, 'archive'), { inputs: ids.map((id) => ({ id })) }, { signal: scope.signal, idempotent: true });
  if (answer.refused) throw answer.error;
}
