/**
 * The Help Scout streams: `mailboxes` and `users` (small, re-read in full:
 * write replace), `customers` and `conversations` (merge on `id`, read by
 * modification time), and `conversation_threads` (the threads of the
 * conversations modified since the last run, with `conversation_id`).
 */
import type { ReadContext, RecordBatch, Stream } from '../../source.js';
import { fetchAllPages, toRecord, type HelpScoutObject, type HelpScoutRuntime } from './help-scout-api.js';
import { readModified, type ModifiedListing } from './help-scout-modified.js';
import { cursorState, lowerBound, savedCursor } from './help-scout-state.js';

/** A stream re-read in full each run. */
function listStream(rt: HelpScoutRuntime, name: string, path: string): Stream {
  return {
    definition: { name, primaryKey: ['id'], write: 'replace', columns: { id: 'bigint', createdAt: 'timestamptz', updatedAt: 'timestamptz' } },
    async *read(context: ReadContext): AsyncGenerator<RecordBatch> {
      const records = await fetchAllPages(rt, path, name, context.signal);
      yield { kind: 'records', records: records.map(toRecord) };
    },
  };
}

/**
 * Reads a listing by modification time; `expand` turns a page's records
 * into the stream's. Pages are gathered into batches of about
 * `rt.batchRecords` records, each a checkpoint at the mark of its last page.
 */
async function* readByModification(
  rt: HelpScoutRuntime,
  listing: ModifiedListing,
  context: ReadContext,
  expand: (records: HelpScoutObject[]) => Promise<HelpScoutObject[]>,
): AsyncGenerator<RecordBatch> {
  const saved = context.fullRefresh ? undefined : savedCursor(context.state);
  const since = lowerBound(saved, rt.startDate);
  if (saved !== undefined) context.logger.debug('reading Help Scout changes', { stream: listing.name, since: new Date(since ?? 0).toISOString() });
  let records: HelpScoutObject[] = [];
  let mark: number | undefined;
  for await (const page of readModified(rt, listing, since, context.signal)) {
    records.push(...(await expand(page.records)));
    mark = page.mark;
    if (records.length >= rt.batchRecords) {
      yield { kind: 'records', records, state: cursorState(saved, mark) };
      records = [];
    }
  }
  yield { kind: 'records', records, state: cursorState(saved, mark) };
}

/** `customers` and `conversations`. */
function modifiedStream(rt: HelpScoutRuntime, name: string, cursorField: string, query: ModifiedListing['query']): Stream {
  const listing: ModifiedListing = { path: `/v2/${name}`, name, cursorField, query };
  return {
    definition: {
      name,
      primaryKey: ['id'],
      cursorField,
      write: 'merge',
      columns: { id: 'bigint', createdAt: 'timestamptz', [cursorField]: 'timestamptz' },
    },
    read: (context) => readByModification(rt, listing, context, async (records) => records.map(toRecord)),
  };
}

/** The threads of one listed conversation: embedded ones, or the threads endpoint when the embedded list is incomplete (chats are truncated). */
async function threadsOf(rt: HelpScoutRuntime, conversation: HelpScoutObject, signal: AbortSignal): Promise<HelpScoutObject[]> {
  const embedded = (conversation['_embedded'] as { threads?: unknown } | undefined)?.threads;
  const count = Number(conversation['threads']);
  if (Array.isArray(embedded) && conversation['type'] !== 'chat' && !(embedded.length < count)) {
    return embedded.filter((t): t is HelpScoutObject => typeof t === 'object' && t !== null);
  }
  return fetchAllPages(rt, `/v2/conversations/${String(conversation['id'])}/threads`, 'threads', signal);
}

/** `conversation_threads`: merge on the thread `id`; the cursor is the parent conversation's modification. */
function threadsStream(rt: HelpScoutRuntime): Stream {
  const listing: ModifiedListing = { path: '/v2/conversations', name: 'conversations', cursorField: 'userUpdatedAt', query: { status: 'all', embed: 'threads' } };
  return {
    definition: {
      name: 'conversation_threads',
      primaryKey: ['id'],
      cursorField: 'createdAt',
      write: 'merge',
      columns: { id: 'bigint', conversation_id: 'bigint', createdAt: 'timestamptz' },
    },
    read: (context) =>
      readByModification(rt, listing, context, async (conversations) => {
        const out: HelpScoutObject[] = [];
        for (const c of conversations) {
          for (const t of await threadsOf(rt, c, context.signal)) out.push({ ...toRecord(t), conversation_id: c['id'] });
        }
        return out;
      }),
  };
}

/** Every stream of a connection, in read order. */
export function helpScoutStreams(rt: HelpScoutRuntime): Stream[] {
  return [
    listStream(rt, 'mailboxes', '/v2/mailboxes'),
    listStream(rt, 'users', '/v2/users'),
    modifiedStream(rt, 'customers', 'updatedAt', {}),
    modifiedStream(rt, 'conversations', 'userUpdatedAt', { status: 'all' }),
    threadsStream(rt),
  ];
}
