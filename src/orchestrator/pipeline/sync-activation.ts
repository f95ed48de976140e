/**
 * How a pipeline runs a sync asset: resolve its destination (built-in or
 * custom, config validated), what it reads (the model's relation, or its SQL
 * with `ref()` resolved), run it through the activate engine, and turn the
 * result into the asset's outcome: failed when the run could not deliver
 * (destination down, mirror guard, bad config), warned when some rows
 * failed or were rejected (kept for the next run), succeeded otherwise.
 */
import type { DestinationConfig } from '../../config/destination-config.js';
import type { SyncConfig } from '../../config/sync-config.js';
import { scrubSecrets } from '../../config/env-interpolation.js';
import { BasinError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import type { DestinationFactory } from '../../activate/destination.js';
import { resolveDestination, type ResolvedDestination } from '../../activate/resolve-destination.js';
import { runSync, type SyncRunResult } from '../../activate/run-sync.js';
import { resolveSyncRefs, type SyncInput } from '../../activate/sync-select-sql.js';
import type { Manifest } from '../../transform/compile/manifest.js';
import type { Warehouse } from '../../warehouse/warehouse.js';
import { syncUpstreamIds } from '../assets/build-asset-graph.js';
import type { AssetOutcome } from '../runner/asset-outcome.js';

/** Runs one sync by name within a pipeline run. */
export type ActivateSync = (syncName: string, signal: AbortSignal) => Promise<AssetOutcome>;

export interface SyncActivationDeps {
  manifest: Manifest;
  syncs: readonly SyncConfig[];
  destinations: readonly DestinationConfig[];
  builtins: readonly DestinationFactory[];
  warehouse: Warehouse;
  logger: Logger;
  fullResync?: boolean | undefined;
  dryRun?: boolean | undefined;
  /** Called with each sync's result (the CLI prints them). */
  onResult?: ((result: SyncRunResult) => void) | undefined;
}

/** What a sync reads: the model's relation, or its SQL with `{{ ref() }}` replaced. */
export function syncInput(manifest: Manifest, sync: SyncConfig): SyncInput {
  const relationOf = (id: string): string => {
    const ref = manifest.relations.get(id);
    if (!ref) throw new BasinError('INTERNAL', `no relation for ${id}`);
    return manifest.dialect.relation(ref);
  };
  const [upstream] = syncUpstreamIds(manifest, sync);
  if (sync.model !== undefined) {
    const ref = manifest.relations.get(upstream ?? '');
    if (!ref) throw new BasinError('INTERNAL', `no relation for ${sync.model}`);
    return { relation: ref };
  }
  const ids = new Map(syncUpstreamIds(manifest, sync).map((id) => [manifest.nodes.get(id)?.name ?? id, id]));
  return { sql: resolveSyncRefs(sync.sql ?? '', (name) => relationOf(ids.get(name) ?? name)) };
}

/** The asset outcome of a sync run. */
export function syncOutcome(result: SyncRunResult): AssetOutcome {
  const rows = result.added + result.changed + result.removed;
  const metadata = {
    planned: result.planned,
    added: result.added,
    changed: result.changed,
    removed: result.removed,
    failed: result.failed,
    rejected: result.rejected,
    failures: result.failures.slice(0, 20),
    ...(result.sample ? { sample: result.sample } : {}),
  };
  const rejected = result.rejected.null_key + result.rejected.duplicate_key;
  const summary = `${result.added} added, ${result.changed} changed, ${result.removed} removed, ${result.failed} failed${rejected ? `, ${rejected} rejected` : ''}`;
  if (result.stopped) return { status: 'failed', rows, error: `${result.stopped} (${summary})`, metadata };
  if (result.failed > 0 || rejected > 0) return { status: 'warned', rows, message: summary, metadata };
  return { status: 'succeeded', rows, message: result.dryRun ? `dry run: ${result.planned.add} to add, ${result.planned.change} to change, ${result.planned.remove} to remove` : summary, metadata };
}

/** An ActivateSync over the project's syncs and destinations; `runId` is the pipeline run's. */
export function createSyncActivation(deps: SyncActivationDeps, runId: string): ActivateSync {
  const resolved = new Map<string, Promise<ResolvedDestination>>();
  const destinationOf = (sync: SyncConfig): Promise<ResolvedDestination> => {
    let found = resolved.get(sync.destination);
    if (!found) {
      const config = deps.destinations.find((d) => d.name === sync.destination);
      found = config
        ? resolveDestination(config, deps.builtins, deps.manifest.config.rootDir)
        : Promise.reject(new BasinError('CONFIG_INVALID', `${sync.file}: destination "${sync.destination}" has no destinations/${sync.destination}.yml`));
      resolved.set(sync.destination, found);
    }
    return found;
  };
  return async (name, signal) => {
    const sync = deps.syncs.find((s) => s.name === name);
    if (!sync) return { status: 'failed', error: `no sync ${name}` };
    const destination = await destinationOf(sync);
    const result = await runSync({
      sync,
      destinationConfig: destination.config,
      factory: destination.factory,
      warehouse: deps.warehouse,
      input: syncInput(deps.manifest, sync),
      runId,
      fullResync: deps.fullResync,
      dryRun: deps.dryRun,
      scrub: (text) => scrubSecrets(text, destination.secrets),
      signal,
      logger: deps.logger,
    });
    deps.onResult?.(result);
    return syncOutcome(result);
  };
}
