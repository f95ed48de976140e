/**
 * The JSON shapes of GET /api/catalog and GET /api/catalog/assets/:key. The
 * web UI imports these types (type-only), so the API and the UI agree at
 * compile time. Nothing here carries a connection's `config:` (secrets).
 */

/** A freshness verdict: `ok` / `warn` / `error`, with why and how old. */
export interface FreshnessJson {
  status: 'ok' | 'warn' | 'error';
  reason: 'fresh' | 'stale' | 'latest_failed' | 'never_loaded';
  loaded_at: string | null;
  age_hours: number | null;
  warn_after_hours: number | null;
  error_after_hours: number | null;
}

/** An asset's latest finished result in the run store. */
export interface LastResultJson {
  status: string;
  finished_at: string | null;
  rows: number | null;
  run_id: string;
  error: string | null;
}

/** A test attached to a column (or to the whole asset), with its latest result. */
export interface TestJson {
  key: string;
  name: string;
  column: string | null;
  last: LastResultJson | null;
}

export interface ColumnJson {
  name: string;
  /** The warehouse's type when the relation exists, else the declared `data_type`. */
  type: string | null;
  description: string;
  tests: TestJson[];
}

/** One stream (raw table) of a connection. */
export interface StreamJson {
  name: string;
  /** `schema.table` in the warehouse. */
  table: string;
  /** The dbt source asset that reads it, when declared. */
  asset_key: string | null;
  row_count: number | null;
  last: LastResultJson | null;
  freshness: FreshnessJson | null;
}

/** A connection of sources/*.yml: descriptive fields only. */
export interface ConnectionJson {
  key: string;
  name: string;
  type: string;
  pipeline: string | null;
  schema: string;
  audience: string | null;
  owner: string | null;
  notes: string | null;
  schedule: string | null;
  file: string;
  streams: StreamJson[];
  last: LastResultJson | null;
}

/** Any asset of the graph as the catalog lists it. */
export interface CatalogAssetJson {
  key: string;
  kind: string;
  name: string;
  description: string;
  tags: string[];
  /** Own `meta.audience`, else the audiences of the connections it reads from (transitively). */
  audiences: string[];
  owner: string | null;
  file: string;
  /** `schema.name` it builds or reads, when it is a relation. */
  relation: string | null;
  materialized: string | null;
  row_count: number | null;
  columns: ColumnJson[];
  /** Tests on the whole asset (not on one column). */
  tests: TestJson[];
  upstream: string[];
  downstream: string[];
  last: LastResultJson | null;
  freshness: FreshnessJson | null;
}

export interface CatalogJson {
  project: string;
  generated_at: string;
  /** Whether the warehouse answered (row counts and column types are missing when it did not). */
  warehouse_ok: boolean;
  connections: ConnectionJson[];
  assets: CatalogAssetJson[];
  facets: { kinds: string[]; tags: string[]; audiences: string[] };
}

/** An asset run as the asset page lists it. */
export interface AssetRunJson {
  run_id: string;
  job: string | null;
  trigger: string;
  status: string;
  started_at: string | null;
  finished_at: string | null;
  rows: number | null;
  error: string | null;
}

export interface AssetDetailJson extends CatalogAssetJson {
  /** The SQL as written (models, snapshots, singular tests, analyses). */
  raw_sql: string | null;
  /** The compiled SQL, or null with `compile_error` when it did not compile. */
  compiled_sql: string | null;
  compile_error: string | null;
  /** Connections: the connection with its streams. */
  connection: ConnectionJson | null;
  recent_runs: AssetRunJson[];
}
