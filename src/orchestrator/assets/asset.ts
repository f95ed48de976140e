/**
 * An asset: one node of the graph the orchestrator runs. dbt nodes keep their
 * unique ids (`model.company.fct_mrr`, `source.company.stripe.customers`);
 * a connection of sources/*.yml is the asset `connection.<name>`, the ingest
 * that fills its raw schema, upstream of every dbt source table in that
 * schema. Syncs and dashboards join with their issues.
 */

/** What kind of work an asset is. */
export type AssetKind = 'connection' | 'source' | 'seed' | 'model' | 'snapshot' | 'test' | 'analysis' | 'sync' | 'dashboard' | 'exposure';

/** One asset of the graph. */
export interface Asset {
  /** Unique id: dbt's for dbt nodes, `connection.<name>` for a connection. */
  id: string;
  /** The short key people read and type: `source:stripe.customers`, `model:fct_mrr`, `connection:stripe`. */
  key: string;
  kind: AssetKind;
  name: string;
  /** Ids of the assets it reads. */
  upstream: string[];
  tags: string[];
  /** Defining file, relative to the project root. */
  file: string;
  description?: string | undefined;
  /** Connections and the source tables they fill: the connection's name. */
  connection?: string | undefined;
  /** Source tables filled by a connection: the stream (table) name. */
  stream?: string | undefined;
  /** Connections: the raw schema; sources: the schema they read. */
  schema?: string | undefined;
  /** Connections: cron of their own `schedule:`. */
  schedule?: string | undefined;
  /** Catalog metadata of connections (audience, owner, pipeline, notes). */
  catalog?: { audience?: string | undefined; owner?: string | undefined; pipeline?: string | undefined; notes?: string | undefined } | undefined;
}

/** `kind:name` for display and for `basin ls`. */
export function assetKey(kind: AssetKind, name: string): string {
  return `${kind}:${name}`;
}
