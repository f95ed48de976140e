/**
 * One stream per configured collection. With `updated_at_field` it reads
 * incrementally and merges on `_path`: documents ordered by (field,
 * `__name__`), each page starting exactly after the last document read
 * (a `startAt` cursor with `before: false`), so pages neither skip nor repeat
 * and the cursor saved with each batch is the last document loaded. Without
 * it the stream reads the whole collection by name and replaces the table, so
 * deleted documents leave it (Firestore reports no deletions to queries).
 */
import { throwIfAborted } from '../../../core/errors.js';
import type { ReadContext, RecordBatch, Stream, StreamDefinition } from '../../source.js';
import { runQuery, targetOf, type FirestoreRuntime } from './firestore-api.js';
import { tableName, type FirestoreCollectionConfig } from './firestore-config.js';
import { documentRecord } from './firestore-decode.js';
import { parseFirestoreState, toStreamState, type FirestoreState } from './firestore-state.js';

type Json = Record<string, unknown>;

const ASC = 'ASCENDING';
const nameOrder = { field: { fieldPath: '__name__' }, direction: ASC };

/** The Firestore value at a dotted field path of a document. */
function valueAt(doc: Json, path: string): Json | undefined {
  let current: unknown = { mapValue: { fields: doc['fields'] } };
  for (const segment of path.split('.')) {
    const fields = (current as { mapValue?: { fields?: Record<string, unknown> } } | undefined)?.mapValue?.fields;
    current = fields?.[segment];
  }
  return typeof current === 'object' && current !== null ? (current as Json) : undefined;
}

/** A cursor value moved back by `ms` (timestamps only; other types are kept). */
function lookedBack(value: Json, ms: number): Json {
  const ts = value['timestampValue'];
  if (ms <= 0 || typeof ts !== 'string' || Number.isNaN(Date.parse(ts))) return value;
  return { timestampValue: new Date(Date.parse(ts) - ms).toISOString() };
}

async function* readIncremental(rt: FirestoreRuntime, c: FirestoreCollectionConfig, field: string, saved: FirestoreState, context: ReadContext): AsyncGenerator<RecordBatch> {
  const target = targetOf(c);
  const orderBy = [{ field: { fieldPath: field }, direction: ASC }, nameOrder];
  let where: Json | undefined;
  let after: FirestoreState['cursor'] = saved.cursor;
  if (saved.cursor) {
    const from = lookedBack(saved.cursor.value, c.lookback);
    where = { fieldFilter: { field: { fieldPath: field }, op: 'GREATER_THAN_OR_EQUAL', value: from } };
    // With a lookback the run re-reads from the earlier bound; without, it starts right after the last document.
    if (from !== saved.cursor.value) after = undefined;
  }
  for (;;) {
    throwIfAborted(context.signal);
    const startAt = after ? { values: [after.value, { referenceValue: after.name }], before: false } : undefined;
    const docs = await runQuery(rt, target, { ...(where ? { where } : {}), orderBy, ...(startAt ? { startAt } : {}), limit: rt.pageSize }, context.signal);
    const last = docs[docs.length - 1];
    const value = last ? valueAt(last, field) : undefined;
    if (last && value) after = { value, name: String(last['name']) };
    if (docs.length > 0) yield { kind: 'records', records: docs.map(documentRecord), state: toStreamState({ cursor: after }) };
    if (docs.length < rt.pageSize) return;
  }
}

async function* readFull(rt: FirestoreRuntime, c: FirestoreCollectionConfig, saved: FirestoreState, context: ReadContext): AsyncGenerator<RecordBatch> {
  const target = targetOf(c);
  let after = saved.after;
  for (;;) {
    throwIfAborted(context.signal);
    const startAt = after ? { values: [{ referenceValue: after }], before: false } : undefined;
    const docs = await runQuery(rt, target, { orderBy: [nameOrder], ...(startAt ? { startAt } : {}), limit: rt.pageSize }, context.signal);
    const done = docs.length < rt.pageSize;
    after = docs.length > 0 ? String(docs[docs.length - 1]?.['name']) : after;
    yield { kind: 'records', records: docs.map(documentRecord), state: toStreamState(done ? {} : { after }) };
    if (done) return;
  }
}

/** The stream of one configured collection. */
export function createCollectionStream(rt: FirestoreRuntime, c: FirestoreCollectionConfig): Stream {
  const field = c.updated_at_field;
  const definition: StreamDefinition = {
    name: tableName(c),
    primaryKey: ['_path'],
    cursorField: field,
    write: field ? 'merge' : 'replace',
    columns: { _id: 'text', _path: 'text', _create_time: 'timestamptz', _update_time: 'timestamptz' },
  };
  return {
    definition,
    read(context) {
      const saved = context.fullRefresh ? {} : parseFirestoreState(context.state);
      return field ? readIncremental(rt, c, field, saved, context) : readFull(rt, c, saved, context);
    },
  };
}
