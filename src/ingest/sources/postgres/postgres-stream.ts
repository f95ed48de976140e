/**
 * One Postgres stream: streams its table or query with
 * `COPY (SELECT ...) TO STDOUT` (text format, parsed by CopyTextParser with
 * the same value parsers as a query) inside one read-only REPEATABLE READ
 * transaction, and yields `chunkSize` rows per batch; the socket is paused
 * while a batch is loaded. COPY was measured faster than a server-side
 * cursor (DECLARE / FETCH); see docs/sources/postgres.md. With a cursor column
 * the rows come in `(cursor, key)` order and each batch carries the
 * checkpoint state (see sql/cursor-state.ts). Where the context offers a
 * spool folder and every column has a type hint, the COPY goes to CSV files
 * instead (copy-csv-spool.ts) that the warehouse reads itself.
 */
import type pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { BasinError, throwIfAborted } from '../../../core/errors.js';
import type { RecordBatch, ReadContext, Stream, StreamDefinition } from '../../source.js';
import { chunksToBatches } from '../sql/chunked-batches.js';
import { databaseError } from '../sql/database-error.js';
import { fromItem } from '../sql/read-query.js';
import { planSqlRead } from '../sql/read-plan.js';
import { postgresCopyDialect, postgresReadDialect } from './postgres-catalog.js';
import { connectPostgres } from './postgres-client.js';
import { postgresTarget, type PostgresConfig } from './postgres-config.js';
import { columnHint, sourceTypes } from './postgres-values.js';
import { spoolCopyCsv } from './copy-csv-spool.js';
import { CopyTextParser } from './copy-text-parser.js';

/** Where a stream's rows come from. */
export interface PostgresStreamSource {
  table?: { schema: string; name: string } | undefined;
  query?: string | undefined;
  chunkSize: number;
}

/** A stream of a postgres connection. */
export class PostgresStream implements Stream {
  constructor(
    readonly definition: StreamDefinition,
    private readonly config: PostgresConfig,
    private readonly source: PostgresStreamSource,
  ) {}

  async *read(context: ReadContext): AsyncGenerator<RecordBatch> {
    const { name } = this.definition;
    const { start, tracker, query } = planSqlRead(postgresCopyDialect, this.definition, this.source, context);
    throwIfAborted(context.signal);
    const client = await connectPostgres(this.config, context.signal);
    const onAbort = (): void => void client.end().catch(() => undefined);
    context.signal.addEventListener('abort', onAbort, { once: true });
    const what = `postgres stream ${name} (${postgresTarget(this.config)})`;
    context.logger.debug('reading', { stream: name, sql: query.sql, resume: start !== undefined });
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const described = await client.query(`SELECT * FROM ${fromItem(postgresReadDialect, this.source)} LIMIT 0`);
      const names = described.fields.map((f) => f.name);
      const parsers = described.fields.map((f) => sourceTypes.getTypeParser(f.dataTypeID, 'text'));
      if (context.spoolDir !== undefined && described.fields.every((f) => columnHint(f.dataTypeID) !== undefined)) {
        yield* spoolCopyCsv({
          client,
          sql: query.sql,
          names,
          parsers,
          chunkSize: this.source.chunkSize,
          tracker,
          cursorField: this.definition.cursorField,
          startCursor: start?.cursor,
          spoolDir: context.spoolDir,
          prefix: name,
          signal: context.signal,
        });
      } else {
        const parser = new CopyTextParser(names, parsers);
        yield* chunksToBatches(copyChunks(client, query.sql, parser, this.source.chunkSize), tracker, context.signal);
      }
      await client.query('COMMIT');
    } catch (err) {
      throwIfAborted(context.signal);
      if (err instanceof BasinError) throw err;
      throw databaseError('query', what, err, this.config.password);
    } finally {
      context.signal.removeEventListener('abort', onAbort);
      await client.end().catch(() => undefined);
    }
  }
}

/** Streams `COPY (sql) TO STDOUT` and groups the parsed rows into chunks of exactly `size` (the last may be smaller). */
async function* copyChunks(
  client: pg.Client,
  sql: string,
  parser: CopyTextParser,
  size: number,
): AsyncGenerator<Array<Record<string, unknown>>> {
  const copy = client.query(copyStreams.to(`COPY (${sql}) TO STDOUT`));
  let rows: Array<Record<string, unknown>> = [];
  for await (const buf of copy) {
    parser.push(buf as Buffer, rows);
    while (rows.length >= size) {
      const head = rows.length === size ? rows : rows.slice(0, size);
      rows = rows.length === size ? [] : rows.slice(size);
      yield head;
    }
  }
  parser.end();
  if (rows.length > 0) yield rows;
}
