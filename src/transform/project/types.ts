/**
 * The transform layer's data model: a dbt-compatible project parsed into
 * nodes, sources and macros. Shapes follow dbt's manifest closely so that
 * `target/manifest.json` can be written from them directly.
 */

export type ResourceType = 'model' | 'seed' | 'snapshot' | 'test' | 'analysis' | 'source' | 'macro' | 'operation';

export type Materialization = 'view' | 'table' | 'incremental' | 'ephemeral' | 'seed' | 'snapshot' | 'test';

export type OnSchemaChange = 'ignore' | 'append_new_columns' | 'sync_all_columns' | 'fail';

export type IncrementalStrategy = 'append' | 'merge' | 'delete+insert';

/**
 * A node's resolved config: dbt_project.yml hierarchy, then property .yml,
 * then the file's own `{{ config(...) }}`, later ones winning. Unknown keys
 * are kept (dbt allows arbitrary config and `config.get` reads them).
 */
export interface NodeConfig {
  enabled: boolean;
  materialized: string;
  schema?: string | undefined;
  alias?: string | undefined;
  database?: string | undefined;
  tags: string[];
  meta: Record<string, unknown>;
  /** Models (incremental) and snapshots. */
  unique_key?: string | string[] | undefined;
  incremental_strategy?: string | undefined;
  on_schema_change?: string | undefined;
  full_refresh?: boolean | null | undefined;
  pre_hook?: string[];
  post_hook?: string[];
  /** Seeds. */
  column_types?: Record<string, string> | undefined;
  quote_columns?: boolean | undefined;
  delimiter?: string | undefined;
  /** Tests. */
  severity?: string | undefined;
  where?: string | undefined;
  error_if?: string | undefined;
  warn_if?: string | undefined;
  store_failures?: boolean | undefined;
  /** Snapshots. */
  strategy?: string | undefined;
  updated_at?: string | undefined;
  check_cols?: string | string[] | undefined;
  target_schema?: string | undefined;
  target_database?: string | undefined;
  invalidate_hard_deletes?: boolean | undefined;
  [key: string]: unknown;
}

/** A column declared in a property file. */
export interface ColumnSpec {
  name: string;
  description: string;
  data_type?: string | undefined;
  meta: Record<string, unknown>;
  tags: string[];
  quote?: boolean | undefined;
  /** Column-level `constraints:` (created when the model's contract is enforced). */
  constraints?: ConstraintSpec[] | undefined;
}

/** A dbt constraint type. */
export type ConstraintType = 'check' | 'not_null' | 'unique' | 'primary_key' | 'foreign_key' | 'custom';

/** One entry of a column's or model's `constraints:`, as dbt reads it. */
export interface ConstraintSpec {
  type: ConstraintType;
  name?: string | undefined;
  expression?: string | undefined;
  /** Model-level constraints: the columns constrained. */
  columns: string[];
  /** Foreign keys: `to: ref('m')` / `source('s', 't')`, parsed. */
  to?: { ref: RefCall } | { source: [source: string, table: string] } | undefined;
  toColumns: string[];
  warnUnenforced: boolean;
  warnUnsupported: boolean;
}

/** A reference made with `ref()`: `{ name }` or `{ package, name }`, optional `version`. */
export interface RefCall {
  name: string;
  package?: string | undefined;
  version?: string | number | undefined;
}

/** Where a definition came from, for error messages. Paths are relative to the project root. */
export interface FileLocation {
  file: string;
  line?: number | undefined;
}

/** A generic test invocation declared in a property file. */
export interface TestMetadata {
  /** Generic test name, e.g. `unique`, `accepted_values`, `my_custom_test`. */
  name: string;
  /** The package that defines it, when written `package.test_name`. */
  namespace?: string | undefined;
  /** Arguments other than `model` (which is the attached node), e.g. `column_name`, `values`. */
  kwargs: Record<string, unknown>;
}

/** Any executable or compilable node: model, seed, snapshot, test, analysis. */
export interface ProjectNode {
  /** `model.<package>.<name>`, `test.<package>.<test_name>.<hash>`, ... */
  uniqueId: string;
  resourceType: Exclude<ResourceType, 'source' | 'macro' | 'operation'>;
  packageName: string;
  name: string;
  /** Path relative to its resource folder (e.g. `staging/stg_orders.sql`). */
  path: string;
  /** Path relative to the project root (e.g. `models/staging/stg_orders.sql`). */
  originalFilePath: string;
  /** dbt's fully qualified name: package, folders, name. */
  fqn: string[];
  /** The SQL/Jinja source as written (empty for seeds and generic tests). */
  rawCode: string;
  /** SQL (`sql`) or CSV for seeds (`csv`). */
  language: 'sql' | 'csv';
  config: NodeConfig;
  description: string;
  columns: Record<string, ColumnSpec>;
  /** Model-level `constraints:` of the property file. */
  constraints?: ConstraintSpec[] | undefined;
  /** Where the property-file entry for this node is, when there is one. */
  patchPath?: FileLocation | undefined;
  /** Filled by parsing: what the code references. */
  refs: RefCall[];
  sources: Array<[source: string, table: string]>;
  /** Filled by linking: unique ids of nodes/sources depended on, macros used. */
  dependsOn: { nodes: string[]; macros: string[] };
  /** Tests only. */
  testMetadata?: TestMetadata | undefined;
  /** Tests only: the model/seed/snapshot/source the test is attached to. */
  attachedNode?: string | undefined;
  /** Tests only: the column under test. */
  columnName?: string | undefined;
  /** Snapshots: name given in `{% snapshot name %}`. */
  checksum: string;
  /** Versioned models: this node's version (`v`) and the model's latest version. */
  version?: string | undefined;
  latestVersion?: string | undefined;
  /**
   * Path relative to the root project (e.g. `dbt_packages/utils/models/x.sql`),
   * for messages. Same as `originalFilePath` for root-project nodes; package
   * nodes keep dbt's package-relative `originalFilePath`.
   */
  filePath?: string | undefined;
  /** Tests only: dbt's short name (alias and compiled file name), at most 63 characters. */
  shortName?: string | undefined;
  /**
   * The config layers parsing resolved, so that the renderer can apply the
   * file's `{{ config(...) }}` in dbt's order (see `applyConfigCalls`).
   */
  configLayers?: NodeConfigLayers | undefined;
}

/**
 * How a node's config is built: `base` (defaults, the node's own
 * dbt_project.yml tree, property-file config), then in-file `config()`
 * calls, then `after` (the root project's dbt_project.yml tree, for nodes of
 * installed packages: the root project has the last word, as in dbt).
 */
export interface NodeConfigLayers {
  base: NodeConfig;
  after: Array<Record<string, unknown>>;
}

/** A table of a source declared in a property file. */
export interface SourceDefinition {
  /** `source.<package>.<source_name>.<table_name>` */
  uniqueId: string;
  packageName: string;
  sourceName: string;
  name: string;
  /** The schema holding the table (defaults to the source name). */
  schema: string;
  database?: string | undefined;
  /** The table's name in the warehouse (defaults to `name`). */
  identifier: string;
  description: string;
  sourceDescription: string;
  columns: Record<string, ColumnSpec>;
  loadedAtField?: string | undefined;
  freshness?: unknown;
  meta: Record<string, unknown>;
  tags: string[];
  originalFilePath: string;
  fqn: string[];
  location: FileLocation;
  config: { enabled: boolean; [key: string]: unknown };
  /** Source-level `loader`, when given. */
  loader?: string | undefined;
  /** Source and table `quoting:` merged (table wins). */
  quoting?: { database?: boolean | undefined; schema?: boolean | undefined; identifier?: boolean | undefined; column?: boolean | undefined } | undefined;
  /** Table `external:` properties, kept as written. */
  external?: unknown;
  /** Path relative to the root project, for messages (see ProjectNode.filePath). */
  filePath?: string | undefined;
}

/** A macro defined in macros/ (or built in). */
export interface MacroDefinition {
  /** `macro.<package>.<name>` */
  uniqueId: string;
  packageName: string;
  name: string;
  originalFilePath: string;
  /** The whole file's source, so the template engine can load it with correct line numbers. */
  fileSource: string;
  /** Generic tests declared with `{% test name() %}` are macros named `test_<name>`. */
  isGenericTest: boolean;
}

/** An exposure (`exposures:` in a property file): a downstream use of models, a graph node that never runs. */
export interface ExposureDefinition {
  /** `exposure.<package>.<name>` */
  uniqueId: string;
  packageName: string;
  name: string;
  type: string;
  owner: { name?: string | undefined; email?: string | undefined };
  description: string;
  label?: string | undefined;
  maturity?: string | undefined;
  url?: string | undefined;
  meta: Record<string, unknown>;
  tags: string[];
  refs: RefCall[];
  sources: Array<[source: string, table: string]>;
  /** Filled by linking: unique ids of the nodes and sources it depends on. */
  dependsOn: { nodes: string[] };
  originalFilePath: string;
  filePath: string;
  fqn: string[];
  location: FileLocation;
}
