import path from 'node:path';
import { BasinError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import { loadConnections, loadSyncs, loadProjectConfig, type EnvMap } from '../../config/index.js';
import { loadDashboards } from '../../dashboards/load-dashboards.js';
import { buildAssetGraph } from '../../orchestrator/assets/build-asset-graph.js';
import { selectAssets } from '../../orchestrator/assets/select-assets.js';
import { buildManifest } from '../../transform/compile/build-manifest.js';
import { selectForCommand } from '../../transform/execute/select-for-command.js';
import type { IndirectSelection } from '../../transform/selection/index.js';
import type { CliIo } from '../cli-io.js';
import { EXIT_OK } from '../exit-codes.js';
import { toJson } from '../../core/json-text.js';
import { dialectFor } from '../open-warehouse.js';
import { parseVarsOption } from '../project-session.js';

/** Options of `basin ls`. */
export interface LsOptions {
  project?: string | undefined;
  target?: string | undefined;
  vars?: string | undefined;
  select?: string[] | undefined;
  exclude?: string[] | undefined;
  resourceType?: string[] | undefined;
  indirectSelection?: IndirectSelection | undefined;
  output?: 'selector' | 'name' | 'path' | 'json' | undefined;
  json?: boolean | undefined;
}

/** The environment with every unset variable reading as a placeholder: listing never needs a credential. */
function tolerantEnv(env: EnvMap): EnvMap {
  return new Proxy(env, { get: (target, name) => (typeof name === 'string' ? (target[name] ?? 'unset') : undefined) });
}

/**
 * Lists the project's assets as `dbt ls` does (selector form by default):
 * the dbt resources and, ahead of the sources they fill, the connections of
 * sources/*.yml (`connection:<name>`). Parses the project without connecting
 * to the warehouse or to any source.
 */
export async function runLs(options: LsOptions, io: CliIo, logger: Logger): Promise<number> {
  const root = path.resolve(io.cwd, options.project ?? '.');
  const config = await loadProjectConfig(root, { target: options.target, logger, env: io.env });
  const manifest = await buildManifest(config, { dialect: dialectFor(config.warehouse), logger, vars: parseVarsOption(options.vars) });
  const connections = await loadConnections(config, { env: tolerantEnv(config.env) });
  const syncs = await loadSyncs(config, { env: tolerantEnv(config.env) });
  const dashboards = await loadDashboards(config);
  const output = options.json ? 'json' : (options.output ?? 'selector');
  const hasAssets = connections.length > 0 || syncs.length > 0 || dashboards.length > 0 || manifest.exposures.size > 0;
  let dbtIds: string[];
  let warnings: string[];
  try {
    ({ ids: dbtIds, warnings } = selectForCommand(manifest, 'ls', {
      select: options.select,
      exclude: options.exclude,
      indirectSelection: options.indirectSelection,
      resourceTypes: options.resourceType,
    }));
  } catch (err) {
    // `connection:`, `sync:` and `dashboard:` are methods of the asset graph, not of dbt: the asset selection below decides.
    if (!hasAssets || !(err instanceof BasinError && err.code === 'SELECTION' && /is not a valid method name/.test(err.message))) throw err;
    dbtIds = selectForCommand(manifest, 'ls', { resourceTypes: options.resourceType }).ids;
    warnings = [];
  }
  let ids = dbtIds;
  if (hasAssets) {
    // Selection over the whole asset graph: `source:stripe+` also names the Stripe connection and the syncs downstream.
    const assets = buildAssetGraph(manifest, connections, syncs, dashboards);
    const listed = new Set(dbtIds);
    const wanted = options.resourceType && options.resourceType.length > 0 ? new Set(options.resourceType) : undefined;
    const selected = selectAssets(assets, { select: options.select, exclude: options.exclude }, config.name).ids;
    const own = new Set(['connection', 'sync', 'dashboard', 'exposure']);
    ids = selected.filter((id) => {
      const kind = assets.assets.get(id)?.kind ?? '';
      return listed.has(id) || (own.has(kind) && (!wanted || wanted.has(kind)));
    });
    const connectionRow = (id: string) => {
      const a = assets.assets.get(id)!;
      return { unique_id: id, resource_type: 'connection', name: a.name, original_file_path: a.file, selector: a.key, schema: a.schema, schedule: a.schedule ?? null, ...a.catalog, tags: a.tags };
    };
    for (const w of warnings) logger.warn(w);
    const syncRow = (id: string) => {
      const a = assets.assets.get(id)!;
      const sync = syncs.find((x) => x.name === a.name)!;
      return {
        unique_id: id,
        resource_type: 'sync',
        name: a.name,
        original_file_path: a.file,
        selector: a.key,
        depends_on: a.upstream,
        destination: sync.destination,
        object: sync.object,
        mode: sync.mode,
        schedule: sync.schedule ?? null,
        tags: a.tags,
      };
    };
    const dashboardRow = (id: string) => {
      const a = assets.assets.get(id)!;
      return { unique_id: id, resource_type: 'dashboard', name: a.name, original_file_path: a.file, selector: a.key, depends_on: a.upstream, description: a.description ?? null, schedule: a.schedule ?? null, tags: a.tags };
    };
    const exposureRow = (id: string) => {
      const a = assets.assets.get(id)!;
      const e = manifest.exposures.get(id);
      return { unique_id: id, resource_type: 'exposure', name: a.name, original_file_path: a.file, selector: a.key, depends_on: a.upstream, type: e?.type ?? null, owner: e?.owner ?? null, url: e?.url ?? null, tags: a.tags };
    };
    const row = (id: string) => {
      const kind = assets.assets.get(id)?.kind;
      if (kind === 'connection') return connectionRow(id);
      if (kind === 'sync') return syncRow(id);
      if (kind === 'dashboard') return dashboardRow(id);
      if (kind === 'exposure') return exposureRow(id);
      return dbtRow(id);
    };
    return print(ids.map(row));
  }
  for (const w of warnings) logger.warn(w);
  return print(ids.map((id) => dbtRow(id)));

  function dbtRow(id: string): Record<string, unknown> & { name: string; original_file_path: string; selector: string } {
    const node = manifest.nodes.get(id);
    const source = manifest.sources.get(id);
    if (source) {
      return { unique_id: id, resource_type: 'source', name: source.name, package_name: source.packageName, original_file_path: source.originalFilePath, fqn: source.fqn, selector: `source:${source.fqn.join('.')}`, tags: source.tags };
    }
    const n = node!;
    const selector = n.resourceType === 'test' ? n.fqn.join('.') : n.fqn.join('.');
    return {
      unique_id: id,
      resource_type: n.resourceType,
      name: n.name,
      package_name: n.packageName,
      original_file_path: n.originalFilePath,
      fqn: n.fqn,
      selector,
      tags: n.config.tags,
      materialized: n.config.materialized,
      depends_on: n.dependsOn.nodes,
    };
  }

  function print(rows: Array<{ name: string; original_file_path: string; selector: string }>): number {
    if (output === 'json') {
      io.stdout.write(`${toJson(rows)}\n`);
    } else {
      for (const r of rows) io.stdout.write(`${output === 'name' ? r.name : output === 'path' ? r.original_file_path : r.selector}\n`);
    }
    return EXIT_OK;
  }
}
