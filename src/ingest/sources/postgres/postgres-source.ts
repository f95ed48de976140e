/**
 * The `postgres` source: tables and custom queries of a PostgreSQL database,
 * full refresh or incremental on a cursor column, read in chunks.
 */
import type pg from 'pg';
import { ConfigError, errorMessage } from '../../../core/errors.js';
import type { CheckResult, Source, SourceContext, SourceFactory, Stream } from '../../source.js';
import { databaseError } from '../sql/database-error.js';
import { defaultWrite, parseSqlStreams, type SqlStreamSettings } from '../sql/sql-stream-settings.js';
import {
  describePostgres,
  listPostgresTables,
  postgresColumnHints,
  postgresPrimaryKey,
} from './postgres-catalog.js';
import { connectPostgres } from './postgres-client.js';
import { postgresConfigSchema, postgresTarget, type PostgresConfig } from './postgres-config.js';
import { PostgresStream } from './postgres-stream.js';

class PostgresSource implements Source {
  readonly type = 'postgres';
  private readonly settings: SqlStreamSettings[];

  constructor(
    private readonly config: PostgresConfig,
    private readonly context: SourceContext,
  ) {
    this.settings = parseSqlStreams(context.streams, config.schema);
  }

  async check(signal: AbortSignal): Promise<CheckResult> {
    const target = postgresTarget(this.config);
    let client: pg.Client | undefined;
    try {
      client = await connectPostgres(this.config, signal);
      const v = await client.query<{ v: string }>(`SELECT current_setting('server_version') AS v`);
      for (const s of this.settings) await this.describe(client, s);
      const n = this.settings.length;
      const what = n > 0 ? `${n} stream${n === 1 ? '' : 's'} readable` : `schema ${this.config.schema}`;
      return { ok: true, message: `connected to postgres ${v.rows[0]?.v ?? ''} at ${target}; ${what}` };
    } catch (err) {
      return { ok: false, message: errorMessage(err) };
    } finally {
      await client?.end().catch(() => undefined);
    }
  }

  async streams(signal: AbortSignal): Promise<Stream[]> {
    const client = await connectPostgres(this.config, signal);
    try {
      const settings =
        this.settings.length > 0
          ? this.settings
          : (await listPostgresTables(client, this.config.schema)).map(
              (name): SqlStreamSettings => ({ name, table: { schema: this.config.schema, name } }),
            );
      const out: Stream[] = [];
      for (const s of settings) out.push(await this.resolve(client, s));
      return out;
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  private async describe(client: pg.Client, s: SqlStreamSettings): Promise<Awaited<ReturnType<typeof describePostgres>>> {
    try {
      return await describePostgres(client, s);
    } catch (err) {
      throw databaseError('query', `postgres stream ${s.name} (${postgresTarget(this.config)})`, err, this.config.password);
    }
  }

  private async resolve(client: pg.Client, s: SqlStreamSettings): Promise<Stream> {
    const columns = await this.describe(client, s);
    const names = new Set(columns.map((c) => c.name));
    const primaryKey = s.primaryKey ?? (s.table ? await postgresPrimaryKey(client, s.table) : []);
    for (const [key, cols] of [['primary_key', primaryKey], ['cursor', s.cursor ? [s.cursor] : []]] as const) {
      for (const col of cols) {
        if (!names.has(col)) throw new ConfigError(`column "${col}" is not in the stream's result`, { key: `streams.${s.name}.${key}` });
      }
    }
    const write = s.write ?? defaultWrite(primaryKey, s.cursor);
    if (write === 'merge' && primaryKey.length === 0) {
      throw new ConfigError('merge needs a primary key (none configured or found)', { key: `streams.${s.name}.primary_key` });
    }
    this.context.logger.debug('stream resolved', { stream: s.name, primaryKey, cursor: s.cursor, write });
    return new PostgresStream(
      { name: s.name, primaryKey, cursorField: s.cursor, write, columns: postgresColumnHints(columns) },
      this.config,
      { table: s.table, query: s.query, chunkSize: s.chunkSize ?? this.config.chunk_size },
    );
  }
}

/** The `postgres` source factory. */
export const postgresSource: SourceFactory<PostgresConfig> = {
  type: 'postgres',
  configSchema: postgresConfigSchema,
  create(config, context) {
    return new PostgresSource(config, context);
  },
};
