/**
 * Builds the catalog (the seed's "table summary" and every model, seed,
 * snapshot, source and sync) from the asset graph, the transform manifest,
 * the connections' descriptive fields, the run store's latest results and
 * freshness, and the warehouse's columns and row counts. When the warehouse
 * cannot answer, the catalog still comes back, without types and counts.
 */
import { errorMessage } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import type { Asset } from '../../orchestrator/assets/asset.js';
import type { AssetGraph } from '../../orchestrator/assets/build-asset-graph.js';
import { evaluateFreshness, type FreshnessResult } from '../../orchestrator/freshness/evaluate-freshness.js';
import type { AssetRunRecord, RunStore } from '../../orchestrator/run-store/run-store.js';
import type { ColumnSpec, ProjectNode } from '../../transform/project/types.js';
import type { CatalogAssetJson, CatalogJson, ColumnJson, ConnectionJson, FreshnessJson, LastResultJson, StreamJson, TestJson } from './catalog-json.js';
import type { CatalogSources } from './catalog-sources.js';
import { readWarehouseStats, statsKey, type WarehouseStats } from './warehouse-stats.js';

/** Everything building the catalog reads. */
export interface CatalogInput {
  projectName: string;
  assets: AssetGraph;
  store: RunStore;
  sources: CatalogSources;
  logger: Logger;
  now?: Date;
  signal?: AbortSignal;
}

/** The catalog, plus the lookups the asset detail reuses. */
export interface BuiltCatalog {
  json: CatalogJson;
  byKey: Map<string, CatalogAssetJson>;
  /** Asset id (dbt unique id, `connection.<name>`, ...) by key. */
  idByKey: Map<string, string>;
  latest: Map<string, AssetRunRecord>;
}

/** Asset kinds listed in the catalog (tests appear on their columns, and have their own page). */
const LISTED = new Set(['connection', 'source', 'seed', 'model', 'snapshot', 'sync', 'analysis', 'dashboard']);

export function lastResultJson(r: AssetRunRecord | undefined): LastResultJson | null {
  if (!r) return null;
  return { status: r.status, finished_at: r.finishedAt?.toISOString() ?? null, rows: r.rows ?? null, run_id: r.runId, error: r.error?.message ?? null };
}

function freshnessJson(f: FreshnessResult | undefined): FreshnessJson | null {
  if (!f) return null;
  return {
    status: f.status,
    reason: f.reason,
    loaded_at: f.loadedAt?.toISOString() ?? null,
    age_hours: f.ageHours ?? null,
    warn_after_hours: f.warnAfterHours ?? null,
    error_after_hours: f.errorAfterHours ?? null,
  };
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

/** The schemas the catalog's relations live in. */
function catalogSchemas(input: CatalogInput): string[] {
  const { manifest, connections } = input.sources;
  const schemas = new Set<string>([manifest.config.schema, ...connections.map((c) => c.schema)]);
  for (const rel of manifest.relations.values()) if (rel.schema) schemas.add(rel.schema);
  for (const s of manifest.sources.values()) schemas.add(s.schema);
  return [...schemas];
}

async function statsOrEmpty(input: CatalogInput): Promise<{ stats: WarehouseStats; ok: boolean }> {
  try {
    return { stats: await readWarehouseStats(input.sources.warehouse, catalogSchemas(input), input.signal), ok: true };
  } catch (err) {
    input.logger.warn(`catalog: the warehouse did not answer: ${errorMessage(err)}`);
    return { stats: { kinds: new Map(), columns: new Map(), rowCounts: new Map() }, ok: false };
  }
}

/** Tests by the unique id of the node they are attached to. */
function testsByAttached(input: CatalogInput, latest: Map<string, AssetRunRecord>): Map<string, TestJson[]> {
  const out = new Map<string, TestJson[]>();
  for (const asset of input.assets.assets.values()) {
    if (asset.kind !== 'test') continue;
    const node = input.sources.manifest.nodes.get(asset.id);
    const attached = node?.attachedNode ?? asset.upstream[0];
    if (!attached) continue;
    const list = out.get(attached) ?? [];
    list.push({ key: asset.key, name: node?.testMetadata?.name ?? asset.name, column: node?.columnName ?? null, last: lastResultJson(latest.get(asset.key)) });
    out.set(attached, list);
  }
  return out;
}

function declaredColumns(input: CatalogInput, asset: Asset): Record<string, ColumnSpec> {
  const { manifest } = input.sources;
  return manifest.nodes.get(asset.id)?.columns ?? manifest.sources.get(asset.id)?.columns ?? {};
}

function relationOf(input: CatalogInput, asset: Asset): { schema: string; name: string } | undefined {
  const { manifest } = input.sources;
  const source = manifest.sources.get(asset.id);
  if (source) return { schema: source.schema, name: source.identifier };
  const node = manifest.nodes.get(asset.id);
  if (!node || node.resourceType === 'test' || node.resourceType === 'analysis' || node.config.materialized === 'ephemeral') return undefined;
  return manifest.relations.get(asset.id);
}

function columnsOf(input: CatalogInput, asset: Asset, stats: WarehouseStats, tests: TestJson[]): ColumnJson[] {
  const declared = new Map(Object.values(declaredColumns(input, asset)).map((c) => [c.name.toLowerCase(), c]));
  const rel = relationOf(input, asset);
  const actual = rel ? (stats.columns.get(statsKey(rel.schema, rel.name)) ?? []) : [];
  const testsFor = (name: string): TestJson[] => tests.filter((t) => t.column?.toLowerCase() === name.toLowerCase());
  const columns: ColumnJson[] = actual.map((c) => {
    const spec = declared.get(c.name.toLowerCase());
    declared.delete(c.name.toLowerCase());
    return { name: c.name, type: c.type, description: spec?.description ?? '', tests: testsFor(c.name) };
  });
  for (const spec of declared.values()) columns.push({ name: spec.name, type: spec.data_type ?? null, description: spec.description, tests: testsFor(spec.name) });
  return columns;
}

function ownerOf(asset: Asset, node: ProjectNode | undefined): string | null {
  return text(asset.catalog?.owner) ?? text(node?.config.meta['owner']);
}

/** Builds the catalog. */
export async function buildCatalog(input: CatalogInput): Promise<BuiltCatalog> {
  const { manifest, connections } = input.sources;
  const graph = input.assets.assets;
  const latest = new Map((await input.store.latestAssetRuns()).map((r) => [r.assetKey, r]));
  const freshness = new Map(evaluateFreshness(input.sources.freshness, [...latest.values()], input.now ?? new Date()).map((f) => [f.assetKey, f]));
  const { stats, ok } = await statsOrEmpty(input);
  const tests = testsByAttached(input, latest);
  const keyOf = (id: string): string | undefined => graph.get(id)?.key;

  const downstream = new Map<string, string[]>();
  for (const a of graph.values()) {
    for (const up of a.upstream) {
      const list = downstream.get(up);
      if (list) list.push(a.key);
      else downstream.set(up, [a.key]);
    }
  }

  // The graph is in topological order, so upstream audiences are known first.
  const audiences = new Map<string, string[]>();
  for (const a of graph.values()) {
    const own = text(a.catalog?.audience) ?? text(manifest.nodes.get(a.id)?.config.meta['audience']);
    const inherited = new Set(a.upstream.flatMap((u) => audiences.get(u) ?? []));
    audiences.set(a.id, own ? [own] : [...inherited].sort());
  }

  const byKey = new Map<string, CatalogAssetJson>();
  for (const a of graph.values()) {
    const node = manifest.nodes.get(a.id);
    const rel = relationOf(input, a);
    const own = tests.get(a.id) ?? [];
    byKey.set(a.key, {
      key: a.key,
      kind: a.kind,
      name: a.name,
      description: a.description ?? '',
      tags: a.tags,
      audiences: audiences.get(a.id) ?? [],
      owner: ownerOf(a, node),
      file: a.file,
      relation: rel ? `${rel.schema}.${rel.name}` : null,
      materialized: node && node.resourceType !== 'test' ? node.config.materialized : rel ? (stats.kinds.get(statsKey(rel.schema, rel.name)) ?? null) : null,
      row_count: rel ? (stats.rowCounts.get(statsKey(rel.schema, rel.name)) ?? null) : null,
      columns: columnsOf(input, a, stats, own),
      tests: own.filter((t) => t.column === null),
      upstream: a.upstream.map(keyOf).filter((k): k is string => k !== undefined),
      downstream: downstream.get(a.id) ?? [],
      last: lastResultJson(latest.get(a.key)),
      freshness: freshnessJson(freshness.get(a.key)),
    });
  }

  const connectionsJson = connections.map((c): ConnectionJson => {
    const sourceAssets = [...graph.values()].filter((a) => a.kind === 'source' && a.connection === c.name && a.stream);
    const names = new Set<string>([...Object.keys(c.streams), ...sourceAssets.map((a) => a.stream!)]);
    for (const key of stats.kinds.keys()) {
      const [schema, table] = [key.slice(0, key.indexOf('.')), key.slice(key.indexOf('.') + 1)];
      if (schema === c.schema.toLowerCase() && !table.startsWith('_basin')) names.add(table);
    }
    const streams = [...names].sort().map((name): StreamJson => {
      const asset = sourceAssets.find((a) => a.stream?.toLowerCase() === name.toLowerCase());
      return {
        name,
        table: `${c.schema}.${name}`,
        asset_key: asset?.key ?? null,
        row_count: stats.rowCounts.get(statsKey(c.schema, name)) ?? null,
        last: lastResultJson(latest.get(asset?.key ?? '') ?? latest.get(`connection:${c.name}`)),
        freshness: freshnessJson(freshness.get(asset?.key ?? '')),
      };
    });
    // Descriptive fields only: a connection's `config` may hold secrets and is never read here.
    return {
      key: `connection:${c.name}`,
      name: c.name,
      type: c.type,
      pipeline: text(c.pipeline),
      schema: c.schema,
      audience: text(c.audience),
      owner: text(c.owner),
      notes: text(c.notes),
      schedule: text(c.schedule),
      file: c.file,
      streams,
      last: lastResultJson(latest.get(`connection:${c.name}`)),
    };
  });

  const listed = [...byKey.values()].filter((a) => LISTED.has(a.kind));
  const facets = {
    kinds: [...new Set(listed.map((a) => a.kind))].sort(),
    tags: [...new Set(listed.flatMap((a) => a.tags))].sort(),
    audiences: [...new Set(listed.flatMap((a) => a.audiences))].sort(),
  };
  return {
    json: { project: input.projectName, generated_at: (input.now ?? new Date()).toISOString(), warehouse_ok: ok, connections: connectionsJson, assets: listed, facets },
    byKey,
    idByKey: new Map([...graph.values()].map((a) => [a.key, a.id])),
    latest,
  };
}
