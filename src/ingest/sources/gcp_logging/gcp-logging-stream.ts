import { throwIfAborted } from '../../../core/errors.js';
import type { ReadContext, RecordBatch, Stream, StreamDefinition } from '../../source.js';
import { listEntries, type LoggingRuntime } from './gcp-logging-api.js';
import { toSinkRecord } from './gcp-logging-record.js';
import { cursorAfter, parseLoggingState } from './gcp-logging-state.js';

/** How the entries stream reads (from config). */
export interface EntriesSettings {
  table: string;
  /** The user's filter, ANDed with the timestamp window. */
  filter: string | undefined;
  /** First run: entries from this time (epoch ms); default: everything retained. */
  startDate: number | undefined;
  /** Trailing window re-read on every run (ms). */
  lookbackMs: number;
}

const EPOCH = '1970-01-01T00:00:00Z';

/** The filter of a run reading entries from `from` (epoch ms) on. */
export function windowFilter(from: number | undefined, userFilter: string | undefined): string {
  const since = `timestamp >= "${from === undefined ? EPOCH : new Date(Math.max(0, from)).toISOString()}"`;
  return userFilter && userFilter.trim() !== '' ? `${since} AND (${userFilter})` : since;
}

/**
 * The `entries` stream: key `insertId`, cursor `timestamp`, merge. Each run
 * lists `timestamp >= cursor - lookback` oldest first; every page is a
 * checkpoint whose cursor is the latest timestamp loaded so far.
 */
export function createEntriesStream(rt: LoggingRuntime, settings: EntriesSettings): Stream {
  const definition: StreamDefinition = {
    name: settings.table,
    primaryKey: ['insertId'],
    cursorField: 'timestamp',
    write: 'merge',
    // Column names as the loader writes them (snake_case, nested fields joined by `__`).
    columns: {
      insert_id: 'text',
      log_name: 'text',
      timestamp: 'timestamptz',
      receive_timestamp: 'timestamptz',
      severity: 'text',
      trace: 'text',
      span_id: 'text',
      trace_sampled: 'boolean',
      text_payload: 'text',
      http_request__status: 'integer',
      http_request__response_size: 'bigint',
      http_request__request_size: 'bigint',
      http_request__latency: 'text',
    },
  };
  return { definition, read: (context) => readEntries(rt, settings, context) };
}

async function* readEntries(rt: LoggingRuntime, settings: EntriesSettings, context: ReadContext): AsyncGenerator<RecordBatch> {
  const state = context.fullRefresh ? undefined : parseLoggingState(context.state);
  const from = state ? Date.parse(state.cursor) - settings.lookbackMs : settings.startDate;
  const filter = windowFilter(from, settings.filter);
  let cursor = state?.cursor;
  let pageToken: string | undefined;
  context.logger.debug('reading log entries', { stream: settings.table, filter });
  do {
    throwIfAborted(context.signal);
    const page = await listEntries(rt, { filter, orderBy: 'timestamp asc', pageSize: rt.pageSize, pageToken }, context.signal);
    pageToken = page.nextPageToken;
    if (page.entries.length === 0) continue;
    for (const entry of page.entries) cursor = cursorAfter(cursor, entry);
    yield { kind: 'records', records: page.entries.map(toSinkRecord), state: cursor === undefined ? undefined : { cursor } };
  } while (pageToken);
}
