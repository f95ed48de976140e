import { createInterface } from 'node:readline';
import { parse as parseCsv } from 'csv-parse';
import type { FileBatch, RecordBatch } from '../source.js';
import { openFileInput } from './file-input.js';
import { readParquetRecords } from './parquet-reader.js';

/** One input item: a record, or a line that could not be read as one (with the raw text). */
export type BatchItem = { kind: 'record'; record: Record<string, unknown> } | { kind: 'malformed'; raw: string; reason: string };

/** Records per chunk when reading files: memory stays bounded by it. */
export const FILE_CHUNK_RECORDS = 10_000;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The items of a batch in chunks of at most `chunkSize`: a RecordsBatch as
 * one chunk; a JSONL file line by line (blank lines skipped, unparseable or
 * non-object lines as `malformed`); a CSV file row by row (values stay text);
 * a Parquet file row group by row group. `.gz` and `.zst` files are inflated.
 * A file whose source supplies `records()` is read through it instead.
 */
export async function* readBatchChunks(batch: RecordBatch, chunkSize = FILE_CHUNK_RECORDS): AsyncGenerator<BatchItem[]> {
  if (batch.kind === 'records') {
    yield batch.records.map((record): BatchItem =>
      isRecord(record) ? { kind: 'record', record } : { kind: 'malformed', raw: safeStringify(record), reason: 'record is not an object' },
    );
    return;
  }
  if (batch.records !== undefined) {
    for await (const records of batch.records()) {
      for (let k = 0; k < records.length; k += chunkSize) {
        yield records.slice(k, k + chunkSize).map((record): BatchItem => ({ kind: 'record', record }));
      }
    }
    return;
  }
  if (batch.format === 'parquet') {
    for await (const records of readParquetRecords(batch.path)) {
      for (let k = 0; k < records.length; k += chunkSize) {
        yield records.slice(k, k + chunkSize).map((record): BatchItem => ({ kind: 'record', record }));
      }
    }
    return;
  }
  const source = batch.format === 'jsonl' ? readJsonl(batch) : readCsv(batch);
  let chunk: BatchItem[] = [];
  for await (const item of source) {
    chunk.push(item);
    if (chunk.length >= chunkSize) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

async function* readJsonl(batch: FileBatch): AsyncGenerator<BatchItem> {
  const lines = createInterface({ input: openFileInput(batch.path).setEncoding('utf8'), crlfDelay: Infinity });
  let lineNo = 0;
  for await (const line of lines) {
    lineNo++;
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (err) {
      yield { kind: 'malformed', raw: line, reason: `line ${lineNo}: invalid JSON (${(err as Error).message})` };
      continue;
    }
    if (isRecord(value)) yield { kind: 'record', record: value };
    else yield { kind: 'malformed', raw: line, reason: `line ${lineNo}: not a JSON object` };
  }
}

async function* readCsv(batch: FileBatch): AsyncGenerator<BatchItem> {
  const header = batch.csv?.header !== false;
  const skipped: BatchItem[] = [];
  const parser = openFileInput(batch.path).pipe(
    parseCsv({
      delimiter: batch.csv?.delimiter ?? ',',
      columns: header,
      relax_column_count: true,
      skip_records_with_error: true,
      skip_empty_lines: true,
      raw: true,
      bom: true,
    }),
  );
  parser.on('skip', (err: Error & { raw?: string; lines?: number }) => {
    skipped.push({ kind: 'malformed', raw: err.raw ?? '', reason: `csv: ${err.message}` });
  });
  for await (const row of parser as AsyncIterable<{ record: Record<string, string> | string[]; raw: string }>) {
    while (skipped.length > 0) yield skipped.shift()!;
    const record = Array.isArray(row.record) ? Object.fromEntries(row.record.map((v, i) => [`column_${i + 1}`, v])) : row.record;
    yield { kind: 'record', record };
  }
  while (skipped.length > 0) yield skipped.shift()!;
}
