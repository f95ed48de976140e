import type { AssetRunEvent } from '../orchestrator/runner/asset-outcome.js';
import type { PipelineSummary } from '../orchestrator/pipeline/run-pipeline.js';
import type { Asset } from '../orchestrator/assets/asset.js';

const now = (): string => new Date().toISOString().slice(11, 19);
const fmt = (n: number): string => n.toLocaleString('en-US');

const LABEL: Record<string, string> = { succeeded: 'OK   ', warned: 'WARN ', failed: 'ERROR', skipped: 'SKIP ', canceled: 'STOP ' };

/** Prints a line when an asset starts (connections and dbt nodes that do work), retries and ends. */
export function createPipelineReporter(out: NodeJS.WritableStream) {
  return (event: AssetRunEvent): void => {
    const key = event.asset.key;
    switch (event.type) {
      case 'asset_started':
        if (event.asset.kind !== 'source') out.write(`${now()}  START ${key}${event.attempt > 1 ? ` (attempt ${event.attempt})` : ''}\n`);
        break;
      case 'asset_retrying':
        out.write(`${now()}  RETRY ${key} in ${(event.delayMs / 1000).toFixed(1)}s: ${event.error}\n`);
        break;
      case 'asset_finished': {
        const r = event.result;
        const seconds = r.startedAt && r.finishedAt ? ` in ${((r.finishedAt.getTime() - r.startedAt.getTime()) / 1000).toFixed(2)}s` : '';
        const rows = r.rows !== undefined ? ` (${fmt(r.rows)} rows)` : '';
        const why = r.status === 'skipped' ? ` because ${r.skippedBecause ?? 'an upstream asset failed'}` : '';
        out.write(`${now()}  ${LABEL[r.status] ?? r.status} ${key}${rows}${seconds}${why}${r.error ? `\n${now()}    ${r.error}` : ''}\n`);
        break;
      }
    }
  };
}

/** Counts per kind and status, then the assets that did not succeed. */
export function formatPipelineSummary(summary: PipelineSummary, assets: ReadonlyMap<string, Asset>): string {
  const counts = new Map<string, Map<string, number>>();
  for (const r of summary.results) {
    const kind = assets.get(r.id)?.kind ?? '?';
    const byStatus = counts.get(kind) ?? new Map<string, number>();
    byStatus.set(r.status, (byStatus.get(r.status) ?? 0) + 1);
    counts.set(kind, byStatus);
  }
  const lines = [...counts].map(([kind, byStatus]) => `  ${kind.padEnd(11)} ${[...byStatus].map(([s, n]) => `${n} ${s}`).join(', ')}`);
  const bad = summary.results.filter((r) => r.status !== 'succeeded');
  const detail = bad.map((r) => `  ${r.status.padEnd(9)} ${assets.get(r.id)?.key ?? r.id}${r.error ? `: ${r.error}` : r.message ? `: ${r.message}` : ''}`);
  const verdict = summary.canceled ? 'Canceled' : summary.failed ? 'Finished with failures' : 'Completed successfully';
  return [`${verdict}: ${summary.results.length} assets in ${summary.seconds.toFixed(2)}s`, ...lines, ...(detail.length > 0 ? ['', ...detail] : []), ''].join('\n');
}
