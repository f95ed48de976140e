/**
 * Everything of a project the orchestrator runs besides the dbt manifest:
 * connections (sources/*.yml), destinations and syncs, dashboards, the asset graph over
 * all of them, and the activation that runs sync assets in a pipeline.
 */
import { connectionSecretValues, loadConnections, loadDestinations, loadSyncs, type ConnectionConfig, type DestinationConfig, type EnvMap, type SyncConfig } from '../config/index.js';
import type { Logger } from '../core/logger.js';
import type { SyncRunResult } from '../activate/run-sync.js';
import { BUILTIN_DESTINATIONS } from '../activate/destinations/builtin-destinations.js';
import type { Dashboard } from '../dashboards/dashboard.js';
import { loadDashboards } from '../dashboards/load-dashboards.js';
import { buildAssetGraph, type AssetGraph } from '../orchestrator/assets/build-asset-graph.js';
import { createSyncActivation, type ActivateSync } from '../orchestrator/pipeline/sync-activation.js';
import type { Manifest } from '../transform/compile/manifest.js';
import type { Warehouse } from '../warehouse/warehouse.js';

export interface ProjectAssets {
  connections: ConnectionConfig[];
  destinations: DestinationConfig[];
  syncs: SyncConfig[];
  dashboards: Dashboard[];
  assets: AssetGraph;
  /** Secret values of connections and destinations, scrubbed from everything stored. */
  secrets: string[];
}

/** Loads connections, destinations and syncs and builds the asset graph. */
export async function loadProjectAssets(manifest: Manifest, options: { env?: EnvMap | undefined } = {}): Promise<ProjectAssets> {
  const config = manifest.config;
  const connections = await loadConnections(config, options);
  const destinations = await loadDestinations(config, options);
  const syncs = await loadSyncs(config, options);
  const dashboards = await loadDashboards(config);
  const assets = buildAssetGraph(manifest, connections, syncs, dashboards);
  const secrets = [...connections.flatMap(connectionSecretValues), ...destinations.flatMap((d) => connectionSecretValues({ ...d, streams: {} }))];
  return { connections, destinations, syncs, dashboards, assets, secrets };
}

/** The `activate` option of runPipeline for this project. */
export function projectActivation(
  project: ProjectAssets,
  manifest: Manifest,
  warehouse: Warehouse,
  logger: Logger,
  options: { fullResync?: boolean | undefined; dryRun?: boolean | undefined; onResult?: ((r: SyncRunResult) => void) | undefined } = {},
): ((runId: string) => ActivateSync) | undefined {
  if (project.syncs.length === 0) return undefined;
  return (runId) =>
    createSyncActivation(
      { manifest, syncs: project.syncs, destinations: project.destinations, builtins: BUILTIN_DESTINATIONS, warehouse, logger, fullResync: options.fullResync, dryRun: options.dryRun, onResult: options.onResult },
      runId,
    );
}
