/**
 * The `postgres` source: tables and custom queries of a PostgreSQL database,
 * full refresh or incremental on a cursor column, read in chunks.
 */
import type pg from 'pg';
import type { SourceFactory } from '../../source.js';
import { SqlSource, type SqlDriver } from '../sql/sql-source.js';
import { describePostgres, listPostgresTables, postgresPrimaryKey } from './postgres-catalog.js';
import { connectPostgres } from './postgres-client.js';
import { postgresConfigSchema, postgresTarget, type PostgresConfig } from './postgres-config.js';
import { PostgresStream } from './postgres-stream.js';
import { columnHint } from './postgres-values.js';

function postgresDriver(config: PostgresConfig): SqlDriver<pg.Client> {
  return {
    type: 'postgres',
    target: postgresTarget(config),
    password: config.password,
    defaultSchema: config.schema,
    defaultChunkSize: config.chunk_size,
    connect: (signal) => connectPostgres(config, signal),
    close: (client) => client.end().catch(() => undefined),
    serverVersion: async (client) =>
      (await client.query<{ v: string }>(`SELECT current_setting('server_version') AS v`)).rows[0]?.v ?? '',
    listTables: listPostgresTables,
    primaryKey: postgresPrimaryKey,
    describe: async (client, s) =>
      (await describePostgres(client, s)).map((c) => ({ name: c.name, hint: columnHint(c.typeOid) })),
    createStream: (definition, s, chunkSize) =>
      new PostgresStream(definition, config, { table: s.table, query: s.query, chunkSize }),
  };
}

/** The `postgres` source factory. */
export const postgresSource: SourceFactory<PostgresConfig> = {
  type: 'postgres',
  configSchema: postgresConfigSchema,
  create: (config, context) => new SqlSource(postgresDriver(config), context),
};
