/**
 * Builds the one asset graph of a project from the transform manifest (dbt
 * nodes and sources, their dependencies) and the connections of
 * sources/*.yml. A dbt source table whose schema is a connection's raw schema
 * depends on that connection; a connection's streams not declared as dbt
 * sources are still its own (it ingests every stream its config selects).
 */
import type { ConnectionConfig } from '../../config/connection-config.js';
import type { SyncConfig } from '../../config/sync-config.js';
import type { Dashboard } from '../../dashboards/dashboard.js';
import { ConfigError } from '../../core/errors.js';
import type { Manifest } from '../../transform/compile/manifest.js';
import { DependencyGraph } from '../../transform/graph/dependency-graph.js';
import { topologicalOrder } from '../../transform/graph/topological-order.js';
import type { SelectableNode } from '../../transform/selection/index.js';
import { selectableNodesFromProject } from '../../transform/selection/index.js';
import { assetKey, type Asset, type AssetKind } from './asset.js';

/** The asset graph: assets by id in topological order (deterministic), the dependency graph, and what selection sees. */
export interface AssetGraph {
  assets: Map<string, Asset>;
  graph: DependencyGraph;
  selectable: SelectableNode[];
}

const DBT_KINDS: Record<string, AssetKind> = { model: 'model', seed: 'seed', snapshot: 'snapshot', test: 'test', analysis: 'analysis' };

/** The id of a connection's asset. */
export function connectionAssetId(name: string): string {
  return `connection.${name}`;
}

/** The id of a sync's asset. */
export function syncAssetId(name: string): string {
  return `sync.${name}`;
}

/** The id of a dashboard's asset. */
export function dashboardAssetId(name: string): string {
  return `dashboard.${name}`;
}

/** What a dashboard reads: the models, seeds and snapshots it refs and the source tables it names; ConfigError naming the file when one is unknown. */
export function dashboardUpstreamIds(manifest: Manifest, dashboard: Dashboard): string[] {
  const ids: string[] = [];
  for (const name of dashboard.refs) {
    const id = (manifest.byName.get(name) ?? []).find((n) => manifest.nodes.get(n)?.resourceType !== 'test');
    if (!id) throw new ConfigError(`dashboard ${dashboard.name} reads ref('${name}'), which is not a model, seed or snapshot of the project`, { location: { file: dashboard.file } });
    ids.push(id);
  }
  for (const [sourceName, table] of dashboard.sources) {
    const source = [...manifest.sources.values()].find((s) => s.sourceName === sourceName && s.name === table);
    if (!source) throw new ConfigError(`dashboard ${dashboard.name} reads source('${sourceName}', '${table}'), which no sources: block declares`, { location: { file: dashboard.file } });
    ids.push(source.uniqueId);
  }
  return ids;
}

/** The model names a sync's `sql:` reads through `{{ ref('name') }}` (or `ref("pkg", "name")`). */
export function syncSqlRefs(sql: string): string[] {
  const names: string[] = [];
  for (const m of sql.matchAll(/\bref\(\s*(['"])([^'"]+)\1(?:\s*,\s*(['"])([^'"]+)\3)?\s*\)/g)) names.push(m[4] ?? m[2] ?? '');
  return names.filter(Boolean);
}

/** The manifest node a sync reads by name (a model, seed or snapshot); ConfigError naming the sync file when none. */
export function syncUpstreamIds(manifest: Manifest, sync: SyncConfig): string[] {
  const byName = new Map<string, string>();
  for (const node of manifest.nodes.values()) {
    if (['model', 'seed', 'snapshot'].includes(node.resourceType) && node.config.enabled) byName.set(node.name, node.uniqueId);
  }
  const wanted = sync.model !== undefined ? [sync.model] : syncSqlRefs(sync.sql ?? '');
  return wanted.map((name) => {
    const id = byName.get(name);
    if (!id) {
      throw new ConfigError(`sync ${sync.name} reads "${name}", which is not a model, seed or snapshot of the project`, {
        location: sync.locate([sync.model !== undefined ? 'model' : 'sql']),
        key: sync.model !== undefined ? 'model' : 'sql',
      });
    }
    return id;
  });
}

/** Builds the graph. `connections` are the project's sources/*.yml, `syncs` its syncs/*.yml, `dashboards` its dashboards/*.md. */
export function buildAssetGraph(
  manifest: Manifest,
  connections: readonly ConnectionConfig[],
  syncs: readonly SyncConfig[] = [],
  dashboards: readonly Dashboard[] = [],
): AssetGraph {
  const assets = new Map<string, Asset>();
  const bySchema = new Map<string, ConnectionConfig>();
  for (const c of connections) {
    bySchema.set(c.schema.toLowerCase(), c);
    assets.set(connectionAssetId(c.name), {
      id: connectionAssetId(c.name),
      key: assetKey('connection', c.name),
      kind: 'connection',
      name: c.name,
      upstream: [],
      tags: [],
      file: c.file,
      description: c.pipeline,
      connection: c.name,
      schema: c.schema,
      schedule: c.schedule,
      catalog: { audience: c.audience, owner: c.owner, pipeline: c.pipeline, notes: c.notes },
    });
  }
  for (const source of manifest.sources.values()) {
    if (!source.config.enabled) continue;
    const feeder = bySchema.get(source.schema.toLowerCase());
    assets.set(source.uniqueId, {
      id: source.uniqueId,
      key: assetKey('source', `${source.sourceName}.${source.name}`),
      kind: 'source',
      name: source.name,
      upstream: feeder ? [connectionAssetId(feeder.name)] : [],
      tags: [...source.tags],
      file: source.originalFilePath,
      description: source.description,
      connection: feeder?.name,
      stream: feeder ? source.identifier : undefined,
      schema: source.schema,
    });
  }
  for (const node of manifest.nodes.values()) {
    const kind = DBT_KINDS[node.resourceType];
    if (!kind || !node.config.enabled) continue;
    assets.set(node.uniqueId, {
      id: node.uniqueId,
      key: assetKey(kind, node.version !== undefined ? `${node.name}.v${node.version}` : node.name),
      kind,
      name: node.name,
      upstream: [...node.dependsOn.nodes],
      tags: [...node.config.tags],
      file: node.originalFilePath,
      description: node.description,
    });
  }
  for (const sync of syncs) {
    if (!sync.enabled) continue;
    assets.set(syncAssetId(sync.name), {
      id: syncAssetId(sync.name),
      key: assetKey('sync', sync.name),
      kind: 'sync',
      name: sync.name,
      upstream: syncUpstreamIds(manifest, sync),
      tags: [...sync.tags],
      file: sync.file,
      description: sync.description ?? `${sync.mode} ${sync.model ?? 'SQL'} -> ${sync.destination} ${sync.object}`,
      schedule: sync.schedule,
      catalog: { owner: sync.owner },
    });
  }
  for (const dashboard of dashboards) {
    assets.set(dashboardAssetId(dashboard.name), {
      id: dashboardAssetId(dashboard.name),
      key: assetKey('dashboard', dashboard.name),
      kind: 'dashboard',
      name: dashboard.name,
      upstream: dashboardUpstreamIds(manifest, dashboard),
      tags: [...dashboard.tags],
      file: dashboard.file,
      description: dashboard.description ?? dashboard.title,
      schedule: dashboard.report?.schedule,
      catalog: { owner: dashboard.owner },
    });
  }
  // dbt exposures: graph nodes downstream of what they ref, selectable as `exposure:<name>`; they never run.
  for (const exposure of manifest.exposures.values()) {
    assets.set(exposure.uniqueId, {
      id: exposure.uniqueId,
      key: assetKey('exposure', exposure.name),
      kind: 'exposure',
      name: exposure.name,
      upstream: [...exposure.dependsOn.nodes],
      tags: [...exposure.tags],
      file: exposure.originalFilePath,
      description: exposure.description || exposure.label,
      catalog: { owner: exposure.owner.email ?? exposure.owner.name },
    });
  }
  const graph = new DependencyGraph([...assets.values()].map((a) => ({ uniqueId: a.id, dependsOn: a.upstream.filter((u) => assets.has(u)) })));
  const ordered = new Map(topologicalOrder(graph).map((id) => [id, assets.get(id)!]));
  return { assets: ordered, graph, selectable: selectableAssets(manifest, [...ordered.values()]) };
}

/** What selection knows of each asset: dbt's fields for dbt nodes, the `source:` and `kind:` handles for connections. */
function selectableAssets(manifest: Manifest, assets: readonly Asset[]): SelectableNode[] {
  const dbt = new Map(selectableNodesFromProject(manifest.nodes.values(), manifest.sources.values(), manifest.exposures.values()).map((n) => [n.uniqueId, n]));
  return assets.map((a): SelectableNode => {
    const known = dbt.get(a.id);
    if (known) return { ...known, dependsOn: a.upstream, kind: a.kind };
    if (a.kind === 'sync' || a.kind === 'dashboard') {
      // A sync (dashboard) answers to its name, `sync:<name>` (`dashboard:<name>`), `tag:`, `path:` and `kind:`.
      return {
        uniqueId: a.id,
        name: a.name,
        resourceType: a.kind,
        packageName: manifest.config.name,
        fqn: [manifest.config.name, a.kind === 'sync' ? 'syncs' : 'dashboards', a.name],
        originalFilePath: a.file,
        tags: a.tags,
        config: {},
        dependsOn: a.upstream,
        kind: a.kind,
      };
    }
    // A connection answers to `source:<name>` (with its tables), `connection:<name>` and `kind:connection`.
    return {
      uniqueId: a.id,
      name: '',
      resourceType: 'source',
      packageName: manifest.config.name,
      fqn: [manifest.config.name, a.name],
      originalFilePath: a.file,
      tags: a.tags,
      config: {},
      dependsOn: a.upstream,
      sourceName: a.name,
      kind: a.kind,
    };
  });
}
