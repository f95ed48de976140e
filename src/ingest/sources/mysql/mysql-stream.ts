/**
 * One MySQL / MariaDB stream: one streamed SELECT (InnoDB reads it from one
 * consistent snapshot), rows grouped into chunks of `chunkSize`, the
 * connection paused while a chunk is loaded. With a cursor column the rows
 * come in `(cursor, key)` order and each batch carries the checkpoint state
 * (see sql/cursor-state.ts).
 */
import type { Connection, FieldPacket } from 'mysql2';
import { BasinError, throwIfAborted } from '../../../core/errors.js';
import type { RecordBatch, ReadContext, Stream, StreamDefinition } from '../../source.js';
import { chunksToBatches } from '../sql/chunked-batches.js';
import { databaseError } from '../sql/database-error.js';
import { planSqlRead } from '../sql/read-plan.js';
import { mysqlReadDialect } from './mysql-catalog.js';
import { connectMysql } from './mysql-client.js';
import { mysqlTarget, type MysqlConfig } from './mysql-config.js';
import { rowConverter } from './mysql-values.js';

/** Where a stream's rows come from. */
export interface MysqlStreamSource {
  table?: { schema: string; name: string } | undefined;
  query?: string | undefined;
  chunkSize: number;
}

type Row = Record<string, unknown>;

/** A stream of a mysql connection. */
export class MysqlStream implements Stream {
  constructor(
    readonly definition: StreamDefinition,
    private readonly config: MysqlConfig,
    private readonly source: MysqlStreamSource,
  ) {}

  async *read(context: ReadContext): AsyncGenerator<RecordBatch> {
    const { name } = this.definition;
    const { start, tracker, query } = planSqlRead(mysqlReadDialect, this.definition, this.source, context);
    throwIfAborted(context.signal);
    const conn = await connectMysql(this.config, context.signal);
    const onAbort = (): void => conn.destroy();
    context.signal.addEventListener('abort', onAbort, { once: true });
    context.logger.debug('reading', { stream: name, sql: query.sql, resume: start !== undefined });
    try {
      yield* chunksToBatches(streamChunks(conn, query.sql, query.params, this.source.chunkSize), tracker, context.signal);
    } catch (err) {
      throwIfAborted(context.signal);
      if (err instanceof BasinError) throw err;
      throw databaseError('query', `mysql stream ${name} (${mysqlTarget(this.config)})`, err, this.config.password);
    } finally {
      context.signal.removeEventListener('abort', onAbort);
      conn.destroy();
    }
  }
}

/** Streams one SELECT and groups its rows into chunks (backpressure pauses the connection). */
async function* streamChunks(conn: Connection, sql: string, values: unknown[], size: number): AsyncGenerator<Row[]> {
  const q = conn.query(sql, values);
  let convert: (row: Row) => Row = (row) => row;
  q.on('fields', (fields: FieldPacket[]) => {
    convert = rowConverter(
      fields.map((f) => ({
        name: f.name,
        columnType: f.columnType,
        columnLength: f.columnLength,
        characterSet: f.characterSet,
      })),
    );
  });
  const rows = q.stream({ highWaterMark: Math.min(size, 10_000) });
  let chunk: Row[] = [];
  for await (const row of rows) {
    chunk.push(convert(row as Row));
    if (chunk.length >= size) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}
