import { Readable } from 'node:stream';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { LogicalType, Row } from '../../core/types.js';

/** Encodes one non-null value as a CSV field. */
type Encoder = (value: unknown) => string;

/** Bytes of CSV buffered before handing a chunk to the COPY stream. */
const CHUNK_CHARS = 64 * 1024;

/** A quoted CSV field: always quoted, so '' is an empty string and an unquoted empty field is NULL. */
function quoted(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

function generic(value: unknown): string {
  if (typeof value === 'string') return quoted(value);
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return `\\x${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')}`;
  return quoted(JSON.stringify(value));
}

/** The CSV encoder for a column of `type`. */
export function csvEncoderFor(type: LogicalType): Encoder {
  switch (type) {
    case 'json':
      // The row value is the JSON value: a JS string becomes a JSON string.
      return (v) => quoted(JSON.stringify(v));
    case 'date':
      return (v) => (v instanceof Date ? v.toISOString().slice(0, 10) : generic(v));
    default:
      return generic;
  }
}

/**
 * Streams `rows` into `client` with `COPY <copySql> FROM STDIN (FORMAT csv)`,
 * in 64 KiB chunks with backpressure, so memory stays bounded however many
 * rows come. Aborting `signal` sends CopyFail (nothing is loaded). Returns
 * the number of rows the server reports.
 */
export async function copyRows(
  client: PoolClient,
  copySql: string,
  keys: readonly string[],
  encoders: readonly Encoder[],
  rows: Iterable<Row> | AsyncIterable<Row>,
  signal?: AbortSignal,
): Promise<number> {
  let sent = 0;
  async function* csv(): AsyncGenerator<string> {
    let chunk = '';
    for await (const row of rows) {
      let line = '';
      for (let i = 0; i < keys.length; i++) {
        if (i > 0) line += ',';
        const value = row[keys[i]!];
        if (value !== null && value !== undefined) line += encoders[i]!(value);
      }
      chunk += `${line}\n`;
      sent++;
      if (chunk.length >= CHUNK_CHARS) {
        yield chunk;
        chunk = '';
        // Socket writes can complete without a macrotask turn; give timers and abort signals a chance.
        await yieldToEventLoop();
      }
    }
    if (chunk.length > 0) yield chunk;
  }
  const stream = client.query(copyFrom(copySql));
  await pipeline(Readable.from(csv()), stream, signal ? { signal } : {});
  return typeof stream.rowCount === 'number' ? stream.rowCount : sent;
}
