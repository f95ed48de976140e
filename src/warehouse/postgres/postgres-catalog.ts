/**
 * Introspection SQL over pg_catalog (indexed lookups, much cheaper than
 * information_schema views). Tables are relkind r/p/f, views v; materialized
 * views are not reported. A non-NULL database parameter that is not the
 * connected database matches nothing (Postgres cannot see other databases).
 */

/** User schemas of the connected database. No parameters. */
export const LIST_SCHEMAS_SQL = `SELECT nspname AS schema_name FROM pg_catalog.pg_namespace
WHERE nspname !~ '^pg_' AND nspname <> 'information_schema'
ORDER BY nspname`;

const RELATIONS = `SELECT current_database() AS database_name, n.nspname AS schema_name, c.relname AS name,
  CASE c.relkind WHEN 'v' THEN 'view' ELSE 'table' END AS kind
FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p', 'f', 'v') AND ($1::text IS NULL OR $1::text = current_database()) AND n.nspname = $2`;

/** Tables and views of a schema. $1 database or NULL, $2 schema. */
export const LIST_RELATIONS_SQL = `${RELATIONS}\nORDER BY c.relname`;

/** One relation. $1 database or NULL, $2 schema, $3 name. */
export const GET_RELATION_SQL = `${RELATIONS} AND c.relname = $3`;

/** Columns in ordinal order, types as format_type() text. $1 database or NULL, $2 schema, $3 name. */
export const GET_COLUMNS_SQL = `SELECT a.attname AS column_name, format_type(a.atttypid, a.atttypmod) AS data_type, NOT a.attnotnull AS is_nullable
FROM pg_catalog.pg_attribute a
JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p', 'f', 'v') AND ($1::text IS NULL OR $1::text = current_database())
  AND n.nspname = $2 AND c.relname = $3 AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY a.attnum`;
