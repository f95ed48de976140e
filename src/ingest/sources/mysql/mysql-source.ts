/**
 * The `mysql` source: tables and custom queries of a MySQL or MariaDB
 * database, full refresh or incremental on a cursor column, read in chunks.
 */
import type { Connection } from 'mysql2';
import type { SourceFactory } from '../../source.js';
import { SqlSource, type SqlDriver } from '../sql/sql-source.js';
import { describeMysql, listMysqlTables, mysqlPrimaryKey } from './mysql-catalog.js';
import { connectMysql, mysqlQuery } from './mysql-client.js';
import { mysqlConfigSchema, mysqlTarget, type MysqlConfig } from './mysql-config.js';
import { MysqlStream } from './mysql-stream.js';
import { mysqlColumnHint } from './mysql-values.js';

function mysqlDriver(config: MysqlConfig): SqlDriver<Connection> {
  return {
    type: 'mysql',
    target: mysqlTarget(config),
    password: config.password,
    defaultSchema: config.database,
    defaultChunkSize: config.chunk_size,
    connect: (signal) => connectMysql(config, signal),
    close: async (conn) => conn.destroy(),
    serverVersion: async (conn) => (await mysqlQuery<{ v: string }>(conn, 'SELECT VERSION() AS v')).rows[0]?.v ?? '',
    listTables: listMysqlTables,
    primaryKey: mysqlPrimaryKey,
    describe: async (conn, s) => (await describeMysql(conn, s)).map((f) => ({ name: f.name, hint: mysqlColumnHint(f) })),
    createStream: (definition, s, chunkSize) => new MysqlStream(definition, config, { table: s.table, query: s.query, chunkSize }),
  };
}

/** The `mysql` source factory (MySQL 5.7+ / MariaDB 10.3+). */
export const mysqlSource: SourceFactory<MysqlConfig> = {
  type: 'mysql',
  configSchema: mysqlConfigSchema,
  create: (config, context) => new SqlSource(mysqlDriver(config), context),
};
