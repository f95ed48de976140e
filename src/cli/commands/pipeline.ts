import { hostname } from 'node:os';
import path from 'node:path';
import { BasinError, errorMessage } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import type { SyncRunResult } from '../../activate/run-sync.js';
import { loadProjectAssets, projectActivation } from '../project-assets.js';
import { runPipeline, type PipelineSummary } from '../../orchestrator/pipeline/run-pipeline.js';
import { createRunRecorder } from '../../orchestrator/pipeline/run-recorder.js';
import { openRunStore } from '../../orchestrator/run-store/open-run-store.js';
import type { RunRecord } from '../../orchestrator/run-store/run-store.js';
import { rerunPlanOf } from '../../orchestrator/pipeline/rerun-plan.js';
import { cliOwner } from '../../orchestrator/schedule/run-owner.js';
import type { CliIo } from '../cli-io.js';
import { EXIT_FAILURES, EXIT_OK } from '../exit-codes.js';
import { createIngestReporter } from '../ingest-reporter.js';
import { toJson } from '../../core/json-text.js';
import { createPipelineReporter, formatPipelineSummary } from '../pipeline-reporter.js';
import { openProject, type ProjectOptions, type ProjectSession } from '../project-session.js';
import { runPipelineOnServer } from '../remote-pipeline.js';
import { ServerClient } from '../server-client.js';
import { lockingServer } from '../warehouse-locked.js';
import { ingestConnectionWith } from '../ingest-wiring.js';

/** Options of `basin pipeline`. */
export interface PipelineCommandOptions extends ProjectOptions {
  exclude?: string[] | undefined;
  retries?: string | undefined;
  /** A run id: run again only what failed or was skipped in it. */
  rerun?: string | undefined;
  timeout?: string | undefined;
  json?: boolean | undefined;
  /** Only these asset kinds (`basin activate` passes `sync`). */
  kinds?: string[] | undefined;
  /** Syncs: resend everything (not only what changed). */
  fullResync?: boolean | undefined;
  /** Syncs: compute and show the diff, send nothing. */
  dryRun?: boolean | undefined;
  /** Called with each sync's result. */
  onSyncResult?: ((result: SyncRunResult) => void) | undefined;
}

/**
 * `basin pipeline [selector...]`: runs the selected assets of every kind
 * (connections' ingests, source tables, seeds, models, snapshots, tests) once,
 * in one graph, with live progress and a summary.
 */
export async function runPipelineCommand(selectors: string[], options: PipelineCommandOptions, io: CliIo, logger: Logger, signal?: AbortSignal): Promise<number> {
  let session: ProjectSession;
  try {
    session = await openProject({ ...options, env: options.env ?? io.env }, io.cwd, logger);
  } catch (err) {
    // The DuckDB file is held by `basin serve` on this project: run there instead.
    const server = await lockingServer(err, path.resolve(io.cwd, options.project ?? '.'));
    if (!server) throw err;
    if (options.timeout) logger.warn('--timeout is not passed to a run through basin serve; use the job settings in basin.yml');
    const request = { select: selectors, exclude: options.exclude, fullRefresh: options.fullRefresh, rerun: options.rerun, json: options.json, kinds: options.kinds, fullResync: options.fullResync, dryRun: options.dryRun };
    return runPipelineOnServer(ServerClient.of(server), { ...request, ...(options.retries ? { retries: Number(options.retries) } : {}) }, io, signal);
  }
  const { manifest, warehouse } = session;
  try {
    const root = manifest.config.rootDir;
    const project = await loadProjectAssets(manifest);
    const { connections, assets } = project;
    const ingestEvents = options.json ? undefined : createIngestReporter(io.stderr, 5000);
    const store = await openRunStore(manifest.config.runStore, { projectDir: root, logger });
    const owner = cliOwner(hostname(), process.pid);
    let assetIds: string[] | undefined;
    let rerunOf: RunRecord | undefined;
    if (options.rerun) {
      if (selectors.length > 0) {
        await store.close();
        throw new BasinError('USAGE', '--rerun runs what failed or was skipped in that run; give no selector with it');
      }
      rerunOf = await store.getRun(options.rerun);
      if (!rerunOf) {
        await store.close();
        throw new BasinError('USAGE', `--rerun: no run ${options.rerun} in ${store.description}`);
      }
      const plan = await rerunPlanOf(store, assets, rerunOf.id);
      for (const key of plan.missing) logger.warn(`${key} failed in run ${rerunOf.id} but is no longer in the project`);
      assetIds = plan.ids;
      if (assetIds.length === 0) {
        await store.close();
        io.stderr.write(`Run ${rerunOf.id} has nothing that failed or was skipped: nothing to rerun\n`);
        return EXIT_OK;
      }
    }
    const run = await store.createRun({
      selector: rerunOf ? rerunOf.selector : selectors,
      trigger: rerunOf ? 'rerun' : 'manual',
      ...(rerunOf ? { rerunOf: rerunOf.id, ...(rerunOf.job ? { job: rerunOf.job } : {}) } : {}),
      status: 'running',
      startedAt: new Date(),
      owner,
      heartbeatAt: new Date(),
    });
    // A live run keeps its heartbeat fresh, so a `basin serve` starting meanwhile does not call it interrupted.
    const heartbeat = setInterval(() => void store.heartbeat(owner, [run.id], new Date()).catch(() => undefined), 30_000);
    const recorder = createRunRecorder(store, run.id, project.secrets, logger);
    const reporter = options.json ? undefined : createPipelineReporter(io.stderr);
    if (!options.json) io.stderr.write(`Run ${run.id}\n`);
    let summary: PipelineSummary;
    try {
      summary = await runPipeline({
        manifest,
        assets,
        connections,
        warehouse,
        select: selectors.length > 0 ? selectors : undefined,
        assetIds,
        kinds: options.kinds,
        runId: run.id,
        activate: projectActivation(project, manifest, warehouse, logger, { fullResync: options.fullResync, dryRun: options.dryRun, onResult: options.onSyncResult }),
        exclude: options.exclude,
        retry: options.retries ? { count: Number(options.retries), backoffMs: 2000 } : undefined,
        timeoutMs: options.timeout ? Number(options.timeout) * 1000 : undefined,
        signal,
        logger,
        onEvent: (e) => {
          recorder.onEvent(e);
          reporter?.(e);
        },
        onPlanned: (keys) => recorder.recordPlan(keys),
        ingest: ingestConnectionWith({
          projectDir: root,
          warehouse,
          logger,
          fullRefresh: options.fullRefresh,
          onEvent: (e) => {
            if (e.type === 'checkpoint') ingestEvents?.(e);
          },
        }),
      });
      await recorder.flush();
      await store.updateRun(run.id, { status: summary.canceled ? 'canceled' : summary.failed ? 'failed' : 'succeeded', finishedAt: new Date() });
    } catch (err) {
      await recorder.flush();
      await store.updateRun(run.id, { status: 'failed', finishedAt: new Date(), error: { message: errorMessage(err) } }).catch(() => undefined);
      throw err;
    } finally {
      clearInterval(heartbeat);
      await store.close();
    }
    if (options.json) {
      io.stdout.write(
        `${toJson({
          run_id: run.id,
          rerun_of: rerunOf?.id ?? null,
          success: !summary.failed,
          canceled: summary.canceled,
          seconds: summary.seconds,
          assets: summary.results.map((r) => {
            const a = assets.assets.get(r.id);
            return { id: r.id, key: a?.key, kind: a?.kind, status: r.status, attempts: r.attempts, rows: r.rows ?? null, error: r.error ?? null, skipped_because: r.skippedBecause ?? null, detail: r.metadata ?? null };
          }),
        })}\n`,
      );
    } else {
      io.stderr.write(`\n${formatPipelineSummary(summary, assets.assets)}`);
    }
    return summary.failed ? EXIT_FAILURES : EXIT_OK;
  } finally {
    await session.close();
  }
}
