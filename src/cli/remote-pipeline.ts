/**
 * `basin pipeline` through a running `basin serve` (which holds the DuckDB
 * warehouse): asks the server for the run, follows its events as live
 * progress, cancels it on Ctrl-C, and prints the same summary or JSON.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { toJson } from '../core/json-text.js';
import type { CliIo } from './cli-io.js';
import { EXIT_FAILURES, EXIT_OK } from './exit-codes.js';
import type { RemoteEvent, RemoteRun, ServerClient } from './server-client.js';

export interface RemotePipelineRequest {
  select: string[];
  exclude?: string[] | undefined;
  fullRefresh?: boolean | undefined;
  retries?: number | undefined;
  rerun?: string | undefined;
  json?: boolean | undefined;
  kinds?: string[] | undefined;
  fullResync?: boolean | undefined;
  dryRun?: boolean | undefined;
}

const FINAL = new Set(['succeeded', 'failed', 'canceled', 'interrupted']);
const LABEL: Record<string, string> = { succeeded: 'OK   ', warned: 'WARN ', failed: 'ERROR', skipped: 'SKIP ', canceled: 'STOP ' };

/** Runs the request on the server; resolves with the exit code once the run has ended. */
export async function runPipelineOnServer(client: ServerClient, request: RemotePipelineRequest, io: CliIo, signal?: AbortSignal, pollMs = 400): Promise<number> {
  const started = await (request.rerun
    ? client.post<{ run_id: string }>(`/api/runs/${encodeURIComponent(request.rerun)}/rerun`, {})
    : client.post<{ run_id: string }>('/api/runs', {
        select: request.select,
        ...(request.exclude ? { exclude: request.exclude } : {}),
        ...(request.fullRefresh ? { full_refresh: true } : {}),
        ...(request.retries !== undefined ? { retries: request.retries } : {}),
        ...(request.kinds ? { kinds: request.kinds } : {}),
        ...(request.fullResync ? { full_resync: true } : {}),
        ...(request.dryRun ? { dry_run: true } : {}),
      }));
  const runId = started.run_id;
  if (!request.json) io.stderr.write(`Run ${runId} (through basin serve at ${client.baseUrl})\n`);
  let canceled = false;
  const onAbort = (): void => {
    canceled = true;
    void client.post(`/api/runs/${runId}/cancel`, {}).catch(() => undefined);
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  let after = 0;
  let run: RemoteRun;
  try {
    for (;;) {
      const events = await client.get<RemoteEvent[]>(`/api/runs/${runId}/events?after=${after}`);
      for (const e of events) {
        after = e.seq;
        if (!request.json && e.type !== 'asset_started') io.stderr.write(`${e.at.slice(11, 19)}  ${e.message}\n`);
      }
      run = await client.get<RemoteRun>(`/api/runs/${runId}`);
      if (FINAL.has(run.status) && events.length === 0) break;
      if (!FINAL.has(run.status)) await sleep(pollMs);
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
  const success = run.status === 'succeeded';
  if (request.json) {
    io.stdout.write(
      `${toJson({
        run_id: runId,
        rerun_of: request.rerun ?? null,
        success,
        canceled: run.status === 'canceled' || canceled,
        status: run.status,
        through_server: client.baseUrl,
        assets: run.assets.map((a) => ({ key: a.asset, kind: a.kind, status: a.status, attempts: a.attempts, rows: a.rows, error: a.error?.message ?? null })),
      })}\n`,
    );
  } else {
    const seconds = run.started_at && run.finished_at ? (Date.parse(run.finished_at) - Date.parse(run.started_at)) / 1000 : 0;
    const lines = run.assets
      .filter((a) => a.status !== 'succeeded')
      .map((a) => `  ${(LABEL[a.status] ?? a.status).trim().padEnd(5)} ${a.asset}${a.error ? `: ${a.error.message}` : ''}`);
    io.stderr.write(`\nRun ${runId} ${run.status}: ${run.assets.length} assets in ${seconds.toFixed(2)}s${run.error ? `: ${run.error.message}` : ''}\n${lines.join('\n')}${lines.length ? '\n' : ''}`);
  }
  return success ? EXIT_OK : EXIT_FAILURES;
}
