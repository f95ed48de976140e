/**
 * How each kind of asset runs in a pipeline: a connection through the ingest
 * engine (its streams, one summary), a source table by the result of its
 * stream in that ingest, a dbt node through the transform node runner
 * (`build` semantics), a sync through the activate engine. Engines are
 * injected; none knows about the others.
 */
import type { ConnectionConfig } from '../../config/connection-config.js';
import type { IngestSummary } from '../../ingest/run-ingest.js';
import type { StreamResult } from '../../ingest/ingest-events.js';
import type { Manifest } from '../../transform/compile/manifest.js';
import type { TransformNodeRunner } from '../../transform/execute/node-runner.js';
import type { Asset } from '../assets/asset.js';
import type { AssetContext, AssetExecutor, AssetOutcome } from '../runner/asset-outcome.js';
import type { ActivateSync } from './sync-activation.js';

/** Runs one connection's ingest (all streams, or the listed ones). */
export type IngestConnection = (connection: ConnectionConfig, streams: string[] | undefined, signal: AbortSignal) => Promise<IngestSummary>;

/** What the executors need. */
export interface AssetExecutorDeps {
  manifest: Manifest;
  connections: ReadonlyMap<string, ConnectionConfig>;
  /** Streams to ingest per connection (undefined = all). */
  streams: ReadonlyMap<string, string[] | undefined>;
  ingest: IngestConnection;
  transform: TransformNodeRunner;
  /** Runs a sync (absent when the project has none). */
  activate?: ActivateSync | undefined;
}

function connectionOutcome(summary: IngestSummary): AssetOutcome {
  const rows = summary.streams.reduce((n, s) => n + (s.summary?.rows ?? 0), 0);
  const failed = summary.streams.filter((s) => s.status === 'failed');
  const metadata = { streams: Object.fromEntries(summary.streams.map((s) => [s.stream, { status: s.status, rows: s.summary?.rows ?? 0, seconds: s.seconds }])) };
  if (summary.connectionErrors.length > 0) {
    return { status: 'failed', rows, error: summary.connectionErrors.map((e) => e.error).join('; '), metadata };
  }
  if (failed.length > 0 && failed.length === summary.streams.length) {
    return { status: 'failed', rows, error: failed.map((s) => `${s.stream}: ${s.error ?? 'failed'}`).join('; '), metadata };
  }
  // Some streams failed: their tables fail (and skip their downstream); the others go on.
  if (failed.length > 0) return { status: 'warned', rows, message: `${failed.length} of ${summary.streams.length} streams failed`, metadata };
  return { status: 'succeeded', rows, message: `${summary.streams.length} streams`, metadata };
}

/** The executor of a pipeline run, dispatching on the asset's kind. */
export function createAssetExecutor(deps: AssetExecutorDeps): AssetExecutor {
  const streamResults = new Map<string, StreamResult>();
  const ingested = new Set<string>();
  let thread = 0;

  const runConnection = async (asset: Asset, { signal }: AssetContext): Promise<AssetOutcome> => {
    const connection = deps.connections.get(asset.name);
    if (!connection) return { status: 'failed', error: `no connection ${asset.name}` };
    const summary = await deps.ingest(connection, deps.streams.get(asset.name), signal);
    ingested.add(asset.name);
    for (const s of summary.streams) streamResults.set(`${asset.name}.${s.stream.toLowerCase()}`, s);
    return connectionOutcome(summary);
  };

  const runSourceTable = (asset: Asset): AssetOutcome => {
    if (!asset.connection || !ingested.has(asset.connection)) return { status: 'succeeded', message: 'not ingested in this run' };
    const result = streamResults.get(`${asset.connection}.${(asset.stream ?? asset.name).toLowerCase()}`);
    if (!result) return { status: 'warned', message: `connection ${asset.connection} has no stream ${asset.stream ?? asset.name}` };
    if (result.status === 'failed') return { status: 'failed', error: result.error ?? 'stream failed', rows: result.summary?.rows };
    return { status: 'succeeded', rows: result.summary?.rows ?? 0 };
  };

  const runDbtNode = async (asset: Asset, { signal }: AssetContext): Promise<AssetOutcome> => {
    const node = deps.manifest.nodes.get(asset.id);
    if (node?.resourceType === 'model' && node.config.materialized === 'ephemeral') return { status: 'succeeded', message: 'ephemeral: inlined where used' };
    const result = await deps.transform.run(asset.id, `Thread-${++thread}`, signal);
    const rows = typeof result.rowsAffected === 'number' ? result.rowsAffected : undefined;
    if (result.status === 'error' || result.status === 'fail') return { status: 'failed', error: result.message, rows };
    if (result.status === 'warn') return { status: 'warned', message: result.message, rows };
    return { status: 'succeeded', message: result.message, rows };
  };

  return async (asset, context) => {
    switch (asset.kind) {
      case 'connection':
        return runConnection(asset, context);
      case 'source':
        return runSourceTable(asset);
      case 'model':
      case 'seed':
      case 'snapshot':
      case 'test':
        return runDbtNode(asset, context);
      case 'sync':
        return deps.activate ? deps.activate(asset.name, context.signal) : { status: 'failed', error: 'syncs are not wired in this command' };
      default:
        return { status: 'succeeded', message: `nothing to run for a ${asset.kind}` };
    }
  };
}
