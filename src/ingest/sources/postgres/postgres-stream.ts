/**
 * One Postgres stream: reads its table or query through a server-side cursor
 * inside one read-only REPEATABLE READ transaction (a consistent snapshot),
 * `chunkSize` rows per FETCH, the next FETCH running while the previous chunk
 * is loaded. With a cursor column the rows come in `(cursor, key)` order and
 * each batch carries the checkpoint state (see sql/cursor-state.ts).
 */
import type pg from 'pg';
import { BasinError, throwIfAborted } from '../../../core/errors.js';
import type { RecordBatch, ReadContext, Stream, StreamDefinition } from '../../source.js';
import { chunksToBatches } from '../sql/chunked-batches.js';
import { CursorTracker, toCursorState } from '../sql/cursor-state.js';
import { databaseError } from '../sql/database-error.js';
import { buildReadQuery } from '../sql/read-query.js';
import { postgresReadDialect } from './postgres-catalog.js';
import { connectPostgres } from './postgres-client.js';
import { postgresTarget, type PostgresConfig } from './postgres-config.js';

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
    const { cursorField, primaryKey, name } = this.definition;
    const start = context.fullRefresh ? undefined : toCursorState(context.state);
    const tracker = cursorField === undefined ? undefined : new CursorTracker(cursorField, primaryKey, start);
    const query = buildReadQuery(postgresReadDialect, {
      table: this.source.table,
      query: this.source.query,
      cursor: cursorField,
      primaryKey,
      state: cursorField === undefined ? undefined : start,
    });
    throwIfAborted(context.signal);
    const client = await connectPostgres(this.config, context.signal);
    const onAbort = (): void => void client.end().catch(() => undefined);
    context.signal.addEventListener('abort', onAbort, { once: true });
    const what = `postgres stream ${name} (${postgresTarget(this.config)})`;
    context.logger.debug('reading', { stream: name, sql: query.sql, resume: start !== undefined });
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      await client.query({ text: `DECLARE basin_read NO SCROLL CURSOR FOR ${query.sql}`, values: query.params });
      yield* chunksToBatches(fetchChunks(client, this.source.chunkSize), tracker);
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

/** FETCHes `size` rows at a time, one FETCH ahead of the consumer. */
async function* fetchChunks(client: pg.Client, size: number): AsyncGenerator<Array<Record<string, unknown>>> {
  const fetch = (): Promise<Array<Record<string, unknown>>> =>
    client.query(`FETCH ${size} FROM basin_read`).then((r) => r.rows as Array<Record<string, unknown>>);
  let pending = fetch();
  pending.catch(() => undefined);
  try {
    for (;;) {
      const rows = await pending;
      const more = rows.length === size;
      if (more) {
        pending = fetch();
        pending.catch(() => undefined);
      }
      yield rows;
      if (!more) return;
    }
  } finally {
    await pending.catch(() => undefined);
  }
}
