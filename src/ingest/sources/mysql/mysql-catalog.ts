/**
 * What a stream needs from the MySQL catalog: the tables of a database, a
 * table's primary key, the columns of a table or query.
 */
import type { Connection } from 'mysql2';
import { fromItem, type ReadQueryDialect } from '../sql/read-query.js';
import { mysqlQuery } from './mysql-client.js';
import type { MysqlField } from './mysql-values.js';

const ISO_UTC = /^(\d{4}-\d\d-\d\d)T(\d\d:\d\d:\d\d(?:\.\d+)?)Z?$/u;

/** Backtick quoting and `?` parameters; ISO values of DATETIME / TIMESTAMP columns back to `YYYY-MM-DD HH:MM:SS`. */
export const mysqlReadDialect: ReadQueryDialect = {
  quote: (id) => `\`${id.replace(/`/g, '``')}\``,
  param: () => '?',
  toParam: (v, hint) => {
    if (typeof v !== 'string' || (hint !== 'timestamp' && hint !== 'timestamptz')) return v;
    const m = ISO_UTC.exec(v);
    return m ? `${m[1]} ${m[2]}` : v;
  },
};

/** Base tables and views of `database`, by name. */
export async function listMysqlTables(conn: Connection, database: string): Promise<string[]> {
  const r = await mysqlQuery<{ name: string }>(
    conn,
    `SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME`,
    [database],
  );
  return r.rows.map((row) => row.name);
}

/** The primary key columns of a table in key order (empty when none). */
export async function mysqlPrimaryKey(conn: Connection, table: { schema: string; name: string }): Promise<string[]> {
  const r = await mysqlQuery<{ name: string }>(
    conn,
    `SELECT COLUMN_NAME AS name FROM information_schema.KEY_COLUMN_USAGE
     WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND CONSTRAINT_NAME = 'PRIMARY' ORDER BY ORDINAL_POSITION`,
    [table.schema, table.name],
  );
  return r.rows.map((row) => row.name);
}

/** The columns a stream's SELECT returns (runs it with LIMIT 0). */
export async function describeMysql(
  conn: Connection,
  source: { table?: { schema: string; name: string } | undefined; query?: string | undefined },
): Promise<MysqlField[]> {
  const r = await mysqlQuery(conn, `SELECT * FROM ${fromItem(mysqlReadDialect, source)} LIMIT 0`);
  return r.fields.map((f) => ({
    name: f.name,
    columnType: f.columnType,
    columnLength: f.columnLength,
    characterSet: f.characterSet,
    flags: typeof f.flags === 'number' ? f.flags : undefined,
  }));
}
