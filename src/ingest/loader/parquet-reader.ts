/**
 * Parquet files as records, through an in-process DuckDB used as a file
 * reader (every codec and logical type, nested ones included), streamed in
 * DuckDB's vectors of ~2,048 rows so memory stays bounded. Values become the
 * loader's JS types: integers as numbers when safe (else their decimal
 * text), decimals as numbers, timestamps and dates as Dates, blobs as base64,
 * structs as objects and lists as arrays (flattened and split into child
 * tables like any other record). The warehouse is not involved: a Parquet
 * file loads the same way into DuckDB, Postgres or BigQuery.
 */
import { BasinError } from '../../core/errors.js';

function normalize(value: unknown): unknown {
  if (value === undefined) return null;
  if (typeof value === 'bigint') {
    return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString();
  }
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
  if (value instanceof Date || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(normalize);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = normalize(v);
  return out;
}

const sqlString = (text: string): string => `'${text.replace(/'/g, "''")}'`;

/** The records of a Parquet file, in chunks of DuckDB's vector size. */
export async function* readParquetRecords(file: string): AsyncGenerator<Array<Record<string, unknown>>> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const connection = await instance.connect();
  try {
    let chunks: AsyncIterableIterator<Array<Record<string, unknown>>>;
    try {
      const result = await connection.stream(`SELECT * FROM read_parquet(${sqlString(file)})`);
      chunks = result.yieldRowObjectJs();
    } catch (err) {
      throw new BasinError('INPUT_INVALID', `${file}: not a readable Parquet file (${(err as Error).message})`, { cause: err });
    }
    let rows = 0;
    for (;;) {
      let next: IteratorResult<Array<Record<string, unknown>>>;
      try {
        next = await chunks.next();
      } catch (err) {
        throw new BasinError('INPUT_INVALID', `${file}: cannot read past row ${rows} (${(err as Error).message})`, { cause: err });
      }
      if (next.done) return;
      rows += next.value.length;
      yield next.value.map((r) => normalize(r) as Record<string, unknown>);
    }
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
