/**
 * What a stream needs from the Postgres catalog: the tables of a schema,
 * a table's primary key, the columns (type OIDs) of a table or query.
 */
import pg from 'pg';
import { fromItem, type ReadQueryDialect } from '../sql/read-query.js';

/** Quoting and `$n` parameters for Postgres queries. */
export const postgresReadDialect: ReadQueryDialect = {
  quote: (id) => `"${id.replace(/"/g, '""')}"`,
  param: (i) => `$${i}`,
  toParam: (v) => v,
};

/**
 * Quoting and inlined literals for `COPY (SELECT ...)`, which takes no
 * parameters: values become escaped untyped literals (`'...'` or `E'...'`)
 * that Postgres casts to the compared column's type.
 */
export const postgresCopyDialect: ReadQueryDialect = {
  ...postgresReadDialect,
  param: (_i, v) => (v === null || v === undefined ? 'NULL' : pg.escapeLiteral(typeof v === 'string' ? v : JSON.stringify(v))),
};

/** Tables, partitioned tables, views, materialized views and foreign tables of `schema` (partitions excluded), by name. */
export async function listPostgresTables(client: pg.Client, schema: string): Promise<string[]> {
  const r = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND NOT c.relispartition
       AND has_table_privilege(c.oid, 'SELECT')
     ORDER BY c.relname`,
    [schema],
  );
  return r.rows.map((row) => row.name);
}

/** The primary key columns of a table, in key order (empty when it has none or is a view). */
export async function postgresPrimaryKey(client: pg.Client, table: { schema: string; name: string }): Promise<string[]> {
  const r = await client.query<{ name: string }>(
    `SELECT a.attname AS name
     FROM pg_index i
     JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey::int2[])
     WHERE i.indrelid = (quote_ident($1) || '.' || quote_ident($2))::regclass AND i.indisprimary
     ORDER BY array_position(i.indkey::int2[], a.attnum)`,
    [table.schema, table.name],
  );
  return r.rows.map((row) => row.name);
}

/** A column of a stream's result. */
export interface PostgresColumn {
  name: string;
  typeOid: number;
}

/** The columns a stream's SELECT returns (runs it with LIMIT 0). */
export async function describePostgres(
  client: pg.Client,
  source: { table?: { schema: string; name: string } | undefined; query?: string | undefined },
): Promise<PostgresColumn[]> {
  const r = await client.query(`SELECT * FROM ${fromItem(postgresReadDialect, source)} LIMIT 0`);
  return r.fields.map((f) => ({ name: f.name, typeOid: f.dataTypeID }));
}
