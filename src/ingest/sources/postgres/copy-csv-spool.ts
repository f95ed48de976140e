/**
 * The spooled form of a Postgres stream: `COPY (SELECT ...) TO STDOUT` in CSV
 * (NULL `\N`, every value quoted) streamed into one file per chunk of
 * `chunkSize` rows, yielded as CSV FileBatches the warehouse can read
 * itself. Rows are only split at newlines, never parsed, except where the
 * cursor state needs values: while rows of the start state's ties may come
 * (they are dropped as in the record path) and the run of rows at the last
 * cursor value of each chunk (the checkpoint's ties). Each batch also
 * carries `records()`, the file decoded with the record path's parsers, for
 * the loader's JavaScript path. A file is deleted once the loader has taken
 * its batch; the next one is spooled meanwhile. Files a killed process left
 * are deleted when the stream is read again.
 */
import { open, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { throwIfAborted } from '../../../core/errors.js';
import type { FileBatch } from '../../source.js';
import { sameValue, type CursorTracker } from '../sql/cursor-state.js';
import { COPY_CSV_NULL, CsvRowSplitter, csvHeader, splitCsvRow } from './copy-csv.js';
import { rowFactory } from './copy-text-parser.js';

type Row = Record<string, unknown>;

/** What to spool. */
export interface CsvSpoolOptions {
  client: pg.Client;
  /** The read SELECT (parameters inlined). */
  sql: string;
  names: string[];
  /** Text parsers by column, as the record path uses them. */
  parsers: Array<(text: string) => unknown>;
  chunkSize: number;
  tracker: CursorTracker | undefined;
  cursorField: string | undefined;
  /** The start state's cursor value (rows at it may be dropped). */
  startCursor: unknown;
  spoolDir: string;
  /** File name prefix (the stream's name). */
  prefix: string;
  signal: AbortSignal;
}

/** Decodes one CSV row (bytes `start`..`end` of `data`, newline included) into a record. */
export type RowDecoder = (data: Buffer, start: number, end: number) => Row;

/** A decoder building records exactly as the record path does. */
export function csvRowDecoder(names: string[], parsers: Array<(text: string) => unknown>): RowDecoder {
  const make = rowFactory(names);
  return (data, start, end) => {
    const fields = splitCsvRow(data.toString('utf8', start, end - 1));
    const values = fields.map((f, i) => (f === null ? null : (parsers[i] as (text: string) => unknown)(f)));
    return make(values);
  };
}

/** The CSV options of a spooled file. */
export const SPOOL_CSV = { header: true, null: COPY_CSV_NULL, hinted: true } as const;

/**
 * Streams the COPY into chunk files; yields one FileBatch per non-empty
 * chunk. The next chunk is spooled while the consumer loads the current one
 * (two files at most); each file is deleted when the consumer moves on, and
 * a file spooled ahead of a consumer that stopped is deleted too.
 */
export async function* spoolCopyCsv(o: CsvSpoolOptions): AsyncGenerator<FileBatch> {
  await removeStaleFiles(o.spoolDir, o.prefix);
  const inner = spoolChunks(o);
  const settle = (p: Promise<IteratorResult<FileBatch>>): Promise<IteratorResult<FileBatch>> => {
    p.catch(() => undefined);
    return p;
  };
  let ahead = settle(inner.next());
  let done = false;
  try {
    for (;;) {
      const r = await ahead;
      if (r.done === true) {
        done = true;
        return;
      }
      ahead = settle(inner.next());
      try {
        yield r.value;
      } finally {
        await rm(r.value.path, { force: true });
      }
    }
  } finally {
    if (!done) {
      const r = await ahead.catch(() => undefined);
      if (r !== undefined && r.done !== true) await rm(r.value.path, { force: true });
      await inner.return(undefined).catch(() => undefined);
    }
  }
}

async function* spoolChunks(o: CsvSpoolOptions): AsyncGenerator<FileBatch> {
  const copy = o.client.query(copyStreams.to(`COPY (${o.sql}) TO STDOUT WITH (FORMAT csv, NULL '${COPY_CSV_NULL}', FORCE_QUOTE *)`));
  const decode = csvRowDecoder(o.names, o.parsers);
  const header = csvHeader(o.names);
  const splitter = new CsvRowSplitter();
  let skipping = o.tracker?.skipping === true;
  let parts: Buffer[] = [];
  let bytes = 0;
  let ends: number[] = [];
  let raw = 0;
  let fed = 0;
  let fileNo = 0;

  const take = (data: Buffer, start: number, end: number): void => {
    parts.push(data.subarray(start, end));
    bytes += end - start;
    ends.push(bytes);
  };
  async function* flush(): AsyncGenerator<FileBatch> {
    const chunk = Buffer.concat(parts, bytes);
    const rowEnds = ends;
    const from = fed;
    parts = [];
    bytes = 0;
    ends = [];
    raw = 0;
    fed = 0;
    if (rowEnds.length === 0) return;
    let state: FileBatch['state'];
    if (o.tracker && o.cursorField !== undefined) {
      feedTail(o.tracker, o.cursorField, decode, chunk, rowEnds, from);
      const s = o.tracker.state();
      state = s ? { ...s } : undefined;
    }
    const file = path.join(o.spoolDir, `${o.prefix}-${process.pid}-${fileNo++}.csv`);
    const handle = await open(file, 'w');
    try {
      await handle.writev([header, chunk]);
    } finally {
      await handle.close();
    }
    yield { kind: 'file', format: 'csv', path: file, state, csv: { ...SPOOL_CSV }, records: () => decodeCsvFile(file, decode) };
  }

  for await (const buf of copy) {
    throwIfAborted(o.signal);
    const { data, ends: rowEnds } = splitter.push(buf as Buffer);
    let start = 0;
    let k = 0;
    while (k < rowEnds.length) {
      if (skipping && o.tracker) {
        const end = rowEnds[k++] as number;
        const row = decode(data, start, end);
        const value = row[o.cursorField ?? ''];
        if (!o.tracker.skipping || (value !== null && value !== undefined && !sameValue(value, o.startCursor))) skipping = false;
        if (o.tracker.accept(row)) {
          take(data, start, end);
          fed = ends.length;
        }
        raw++;
        start = end;
      } else {
        const n = Math.min(rowEnds.length - k, o.chunkSize - raw);
        const stop = rowEnds[k + n - 1] as number;
        parts.push(data.subarray(start, stop));
        for (let j = k; j < k + n; j++) ends.push(bytes + (rowEnds[j] as number) - start);
        bytes += stop - start;
        raw += n;
        k += n;
        start = stop;
      }
      if (raw >= o.chunkSize) yield* flush();
    }
  }
  splitter.end();
  yield* flush();
}

/** Deletes chunk files of this stream a killed process left in the spool folder (its batches were never committed or are committed). */
async function removeStaleFiles(dir: string, prefix: string): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const stale = names.filter((n) => n.startsWith(`${prefix}-`) && n.endsWith('.csv'));
  await Promise.all(stale.map((n) => rm(path.join(dir, n), { force: true })));
}

/**
 * Feeds the tracker the chunk's rows at its last cursor value (rows from
 * `from` on; earlier ones were fed one by one), in order: the checkpoint's
 * ties. Trailing rows without a cursor value are passed over.
 */
function feedTail(tracker: CursorTracker, cursorField: string, decode: RowDecoder, chunk: Buffer, ends: number[], from: number): void {
  const rowAt = (i: number): Row => decode(chunk, i === 0 ? 0 : (ends[i - 1] as number), ends[i] as number);
  let last: unknown;
  let first = ends.length;
  for (let i = ends.length - 1; i >= from; i--) {
    const value = rowAt(i)[cursorField];
    if (value === null || value === undefined) {
      if (last === undefined) continue;
      break;
    }
    if (last === undefined) last = value;
    else if (!sameValue(value, last)) break;
    first = i;
  }
  for (let i = first; i < ends.length; i++) tracker.accept(rowAt(i));
}

/** The records of a spooled file, in chunks of 10,000. */
export async function* decodeCsvFile(file: string, decode: RowDecoder): AsyncGenerator<Row[]> {
  const splitter = new CsvRowSplitter();
  const { data, ends } = splitter.push(await readFile(file));
  splitter.end();
  let rows: Row[] = [];
  for (let i = 1; i < ends.length; i++) {
    rows.push(decode(data, ends[i - 1] as number, ends[i] as number));
    if (rows.length >= 10_000) {
      yield rows;
      rows = [];
    }
  }
  if (rows.length > 0) yield rows;
}
