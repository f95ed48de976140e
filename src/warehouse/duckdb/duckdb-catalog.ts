/**
 * Introspection SQL over DuckDB's catalog functions (`duckdb_tables()`,
 * `duckdb_views()`, `duckdb_columns()`), which are cheaper than
 * information_schema. DuckDB identifiers are case-insensitive, so names
 * compare case-insensitively. `$n` parameters: see each constant.
 */

/** Schemas of the current database. No parameters. */
export const LIST_SCHEMAS_SQL = `SELECT schema_name FROM duckdb_schemas()
WHERE database_name = current_database()
ORDER BY schema_name`;

const RELATIONS = `SELECT database_name, schema_name, table_name AS name, 'table' AS kind FROM duckdb_tables()
WHERE database_name = COALESCE($1, current_database()) AND lower(schema_name) = lower($2)
UNION ALL
SELECT database_name, schema_name, view_name AS name, 'view' AS kind FROM duckdb_views()
WHERE NOT internal AND database_name = COALESCE($1, current_database()) AND lower(schema_name) = lower($2)`;

/** Tables and views of a schema. $1 database or NULL, $2 schema. */
export const LIST_RELATIONS_SQL = `SELECT * FROM (\n${RELATIONS}\n) AS r ORDER BY name`;

/** One relation. $1 database or NULL, $2 schema, $3 name. */
export const GET_RELATION_SQL = `SELECT * FROM (\n${RELATIONS}\n) AS r WHERE lower(name) = lower($3)`;

/** Columns of a table or view in ordinal order. $1 database or NULL, $2 schema, $3 name. */
export const GET_COLUMNS_SQL = `SELECT column_name, data_type, is_nullable FROM duckdb_columns()
WHERE database_name = COALESCE($1, current_database()) AND lower(schema_name) = lower($2) AND lower(table_name) = lower($3)
ORDER BY column_index`;
