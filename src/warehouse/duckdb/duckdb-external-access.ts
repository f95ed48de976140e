/**
 * Which parts of a parsed DuckDB statement could reach files or the network
 * (pure: reads the JSON of `json_serialize_sql`). Used for SQL that comes
 * from outside the project (the SQL workbench), where DuckDB's own switch,
 * `enable_external_access`, cannot help: it is global to the instance, and
 * the project's own pipelines read files through the same instance.
 *
 * Fails closed where it can:
 * - table functions: only the allow-list below may run (`read_csv`, `glob`,
 *   `query_table`, `read_duckdb`, table macros and any function an extension
 *   adds are refused);
 * - a table name DuckDB could resolve by a replacement scan (`FROM 'x.csv'`,
 *   `FROM "x.csv"`, `FROM 'https://...'`): a name part holding anything but
 *   letters, digits, `_`, `$`, `-` or spaces is refused; a qualified name
 *   (`data.csv` is read as the file `data.csv` when no table `csv` exists in
 *   a schema `data`) must name an existing relation, which the caller checks
 *   against the catalog (`qualifiedTables`);
 * - `SHOW <name>` forms other than tables, databases, schemas, variables;
 * - `current_setting()` of anything but a string constant, or of a setting
 *   that holds a credential; the caller checks the setting exists
 *   (`settings`), as DuckDB downloads the extension of an unknown one.
 * Other scalar functions are not checked: DuckDB has none that reads files.
 * The walk visits every object in the tree, so a table function or name
 * nested anywhere (CTE, subquery in a select list, lateral join, UNION,
 * DESCRIBE, SUMMARIZE) is seen.
 */

/** A qualified relation name as written (`catalog` empty when not given). */
export interface QualifiedTableName {
  catalog: string;
  schema: string;
  name: string;
}

/** What the walk found: the first refusal (a sentence), and the qualified names and settings to look up. */
export interface ExternalAccessCheck {
  refused?: string;
  qualifiedTables: QualifiedTableName[];
  /**
   * Settings read by `current_setting('name')`: each must be a setting DuckDB
   * already has (one of an extension not loaded makes DuckDB download and
   * load the extension).
   */
  settings: string[];
}

/** Settings whose values are credentials (httpfs, azure, ...): never shown to ad-hoc SQL. */
const SECRET_SETTING = /secret|password|token|credential|access_key|key_id|private|connection_string|bearer/i;

/** Table functions that read only the database or their arguments. */
const ALLOWED_TABLE_FUNCTIONS: ReadonlySet<string> = new Set([
  'range',
  'generate_series',
  'unnest',
  'repeat',
  'repeat_row',
  'json_each',
  'json_tree',
  'duckdb_columns',
  'duckdb_constraints',
  'duckdb_databases',
  'duckdb_dependencies',
  'duckdb_functions',
  'duckdb_indexes',
  'duckdb_keywords',
  'duckdb_schemas',
  'duckdb_sequences',
  'duckdb_tables',
  'duckdb_types',
  'duckdb_views',
  'pragma_table_info',
  'pragma_version',
  'pragma_collations',
  'pg_timezone_names',
  'icu_calendar_names',
]);

/** Schemas a table function may be qualified with. */
const FUNCTION_SCHEMAS: ReadonlySet<string> = new Set(['', 'main', 'pg_catalog']);
const FUNCTION_CATALOGS: ReadonlySet<string> = new Set(['', 'system']);

/** `SHOW <name>` targets (as DuckDB's parser writes them) that list the catalog. */
const ALLOWED_SHOW_NAMES: ReadonlySet<string> = new Set(['', '"tables"', '"databases"', '"schemas"', '"variables"', '__show_tables_expanded']);

/** A name part that no replacement scan can take for a path, URL or glob. */
const PLAIN_NAME_PART = /^[\p{L}\p{N}_$\- ]*$/u;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function text(value: Json | undefined): string {
  return typeof value === 'string' ? value : '';
}

function qualified(parts: readonly string[]): string {
  return parts.filter((p) => p !== '').join('.');
}

interface Found {
  tables: QualifiedTableName[];
  settings: string[];
}

/** The setting a `current_setting(...)` call names, or a refusal when it is not a plain string constant or names a credential. */
function checkCurrentSetting(fn: { [key: string]: Json }, found: Found): string | undefined {
  const args = Array.isArray(fn['children']) ? fn['children'] : [];
  const arg = args[0];
  const value = args.length === 1 && arg !== null && typeof arg === 'object' && !Array.isArray(arg) && arg['class'] === 'CONSTANT' ? arg['value'] : undefined;
  const name = value !== null && typeof value === 'object' && !Array.isArray(value) ? value['value'] : undefined;
  if (typeof name !== 'string') return 'current_setting() may only read a setting named by a string constant';
  if (SECRET_SETTING.test(name)) return `current_setting('${name}') may hold a credential`;
  found.settings.push(name);
  return undefined;
}

/** The refusal for one node of the tree, if any; records qualified names and settings in `found`. */
function checkNode(node: { [key: string]: Json }, found: Found): string | undefined {
  if (node['class'] === 'FUNCTION' && text(node['function_name']).toLowerCase() === 'current_setting') return checkCurrentSetting(node, found);
  if (node['type'] === 'TABLE_FUNCTION' && node['function'] !== null && typeof node['function'] === 'object' && !Array.isArray(node['function'])) {
    const fn = node['function'];
    const name = text(fn['function_name']).toLowerCase();
    const schema = text(fn['schema']).toLowerCase();
    const catalog = text(fn['catalog']).toLowerCase();
    if (!ALLOWED_TABLE_FUNCTIONS.has(name) || !FUNCTION_SCHEMAS.has(schema) || !FUNCTION_CATALOGS.has(catalog)) {
      return `table function ${qualified([catalog, schema, name])}() may read files or the network`;
    }
    return undefined;
  }
  if (node['type'] === 'BASE_TABLE') {
    const ref = { catalog: text(node['catalog_name']), schema: text(node['schema_name']), name: text(node['table_name']) };
    const written = qualified([ref.catalog, ref.schema, ref.name]);
    if (![ref.catalog, ref.schema, ref.name].every((part) => PLAIN_NAME_PART.test(part))) {
      return `table name '${written}' could be read as a file or URL`;
    }
    if (ref.catalog !== '' || ref.schema !== '') found.tables.push(ref);
    return undefined;
  }
  if (node['type'] === 'SHOW_REF' && !ALLOWED_SHOW_NAMES.has(text(node['table_name']))) {
    return `SHOW ${text(node['table_name'])} may read files`;
  }
  return undefined;
}

/**
 * Walks the JSON that `json_serialize_sql` returned for a statement text
 * (`{ error: false, statements: [...] }`). A tree that is not that shape is
 * refused.
 */
export function checkDuckDbExternalAccess(parsed: unknown): ExternalAccessCheck {
  const found: Found = { tables: [], settings: [] };
  const result = (refused?: string): ExternalAccessCheck => ({ ...(refused ? { refused } : {}), qualifiedTables: found.tables, settings: found.settings });
  if (parsed === null || typeof parsed !== 'object' || !Array.isArray((parsed as { statements?: unknown }).statements)) {
    return result('the statement could not be parsed for a file-access check');
  }
  const stack: Json[] = [(parsed as { statements: Json[] }).statements];
  while (stack.length > 0) {
    const value = stack.pop()!;
    if (Array.isArray(value)) {
      stack.push(...value);
    } else if (value !== null && typeof value === 'object') {
      const refused = checkNode(value, found);
      if (refused) return result(refused);
      stack.push(...Object.values(value));
    }
  }
  return result();
}
