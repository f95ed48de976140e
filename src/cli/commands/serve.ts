import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import { BasinError, errorMessage } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import { loadAlertChannels } from '../../orchestrator/alerts/alert-channels.js';
import { AlertDispatcher } from '../../orchestrator/alerts/alert-dispatcher.js';
import { RunMonitor } from '../../orchestrator/alerts/run-monitor.js';
import { freshnessJob, FRESHNESS_JOB } from '../../orchestrator/freshness/freshness-check.js';
import { freshnessExpectations } from '../../orchestrator/freshness/freshness-expectations.js';
import { loadFreshnessRules } from '../../orchestrator/freshness/freshness-rules.js';
import { checkJobSelections } from '../../orchestrator/jobs/check-job-selections.js';
import type { Job } from '../../orchestrator/jobs/job.js';
import { loadJobs } from '../../orchestrator/jobs/load-jobs.js';
import { runPipeline } from '../../orchestrator/pipeline/run-pipeline.js';
import { openRunStore } from '../../orchestrator/run-store/open-run-store.js';
import { JobRunner } from '../../orchestrator/schedule/job-runner.js';
import { interruptDeadLocalOwners, processAlive, serverOwner } from '../../orchestrator/schedule/run-owner.js';
import { submitRerun, submitRun, type RunRequestDeps } from '../../orchestrator/schedule/run-requests.js';
import { Scheduler } from '../../orchestrator/schedule/scheduler.js';
import { loadServerSettings } from '../../orchestrator/schedule/server-settings.js';
import { registerAnalyticsRoutes } from '../../server/analytics/analytics-routes.js';
import type { ApiContext } from '../../server/api-context.js';
import { registerApiRoutes } from '../../server/api-routes.js';
import { installServerAuth } from '../../server/auth/server-auth.js';
import { registerCatalogRoutes } from '../../server/catalog/catalog-routes.js';
import { registerDashboardRoutes } from '../../server/dashboards/dashboard-routes.js';
import { layoutStoreDir } from '../../server/lineage/layout-store.js';
import { registerLineageRoutes } from '../../server/lineage/lineage-routes.js';
import { registerStaticUi } from '../../server/static-ui.js';
import { adHocQuery, adHocQueryBatches } from '../../server/workbench/ad-hoc-query.js';
import { registerCsvExportRoute } from '../../server/workbench/csv-export-route.js';
import { registerWorkbenchRoutes } from '../../server/workbench/workbench-routes.js';
import type { CliIo } from '../cli-io.js';
import { EXIT_OK } from '../exit-codes.js';
import { packageRoot } from '../package-root.js';
import { ingestConnectionWith } from '../ingest-wiring.js';
import { loadProjectAssets, projectActivation } from '../project-assets.js';
import { openProject, type ProjectOptions } from '../project-session.js';
import { removeServerFile, writeServerFile } from '../server-file.js';
import { loadSmtpConfig, projectReports } from '../report-wiring.js';

/** Options of `basin serve`. */
export interface ServeOptions extends ProjectOptions {
  port?: string | undefined;
  /** Let /api/query run statements that write (default: read-only); implies allowFileAccess. */
  allowWrites?: boolean | undefined;
  /**
   * Let read-only /api/query statements read files and URLs the server can
   * reach (DuckDB `read_csv`, `FROM 'x.parquet'`; Postgres `pg_read_file`).
   * Default: refused with EXTERNAL_ACCESS.
   */
  allowFileAccess?: boolean | undefined;
}

/** Heartbeat of this server's runs, and how stale another server's heartbeat must be to call its runs interrupted. */
const HEARTBEAT_MS = 30_000;
const STALE_MS = 120_000;

/**
 * `basin serve`: arms every job of basin.yml and every connection's
 * `schedule:` (each tick claimed exactly once in the run store, so several
 * servers can share one), runs claimed ticks through the pipeline, and serves
 * the HTTP API under /api/ on 127.0.0.1 (token auth: src/server/auth/README.md;
 * the first start prints a token once). Runs left by a crashed server are
 * marked interrupted. Ctrl-C or SIGTERM: stop scheduling, cancel runs in
 * progress (recorded as canceled), close.
 */
export async function runServe(options: ServeOptions, io: CliIo, logger: Logger, signal: AbortSignal): Promise<number> {
  const port = Number(options.port ?? 4260);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new BasinError('USAGE', `--port must be a port number (got '${options.port}')`);
  const session = await openProject({ ...options, env: options.env ?? io.env }, io.cwd, logger);
  const { manifest, warehouse } = session;
  const config = manifest.config;
  const project = await loadProjectAssets(manifest);
  const { connections, assets } = project;
  const userJobs = await loadJobs(config, connections, project.syncs);
  for (const w of checkJobSelections(userJobs, assets, config.name)) logger.warn(w);
  const basinYml = config.files.basinYml;
  const settings = await loadServerSettings(config.server, basinYml);
  const channels = await loadAlertChannels(config.alerts, basinYml);
  const { expectations, warnings } = freshnessExpectations(assets, manifest, await loadFreshnessRules(config.freshness, basinYml));
  for (const w of warnings) logger.warn(w);
  const store = await openRunStore(config.runStore, { projectDir: config.rootDir, logger });
  const reports = projectReports(project.dashboards, { manifest, warehouse, store, smtp: await loadSmtpConfig(config), logger });
  // Freshness checks run as a job of their own when anything has an expectation; each dashboard report is a job.
  const jobs = [...userJobs, ...(expectations.length > 0 && settings.freshnessCheck ? [freshnessJob(settings.freshnessCheck)] : []), ...reports.jobs];
  const owner = serverOwner(hostname(), process.pid, randomUUID().slice(0, 8));
  const interrupted =
    (await interruptDeadLocalOwners(store, hostname(), processAlive, owner)) + (await store.markInterrupted({ heartbeatBefore: new Date(Date.now() - STALE_MS) }));
  if (interrupted > 0) logger.warn(`${interrupted} run(s) left running by a stopped process are marked interrupted`);

  let listeningUrl: string | undefined;
  const monitor = new RunMonitor({
    store,
    dispatcher: new AlertDispatcher({ channels, logger }),
    expectations,
    baseUrl: () => settings.url ?? listeningUrl,
    logger,
  });
  const ingest = ingestConnectionWith({ projectDir: config.rootDir, warehouse, logger });
  const runner = new JobRunner({
    store,
    owner,
    logger,
    onFinished: (run) => monitor.runFinished(run),
    secrets: project.secrets,
    runPipeline: (input) =>
      runPipeline({
        manifest,
        assets,
        connections,
        warehouse,
        ingest: input.fullRefresh ? ingestConnectionWith({ projectDir: config.rootDir, warehouse, logger, fullRefresh: true }) : ingest,
        select: input.select,
        exclude: input.exclude,
        assetIds: input.assetIds,
        runId: input.runId,
        kinds: input.kinds,
        activate: projectActivation(project, manifest, warehouse, logger, { fullResync: input.fullResync ?? input.fullRefresh, dryRun: input.dryRun }),
        retry: input.retry,
        signal: input.signal,
        onEvent: input.onEvent,
        onPlanned: input.onPlanned,
        logger,
      }),
  });
  const requests: RunRequestDeps = { store, runner, assets, owner, projectName: config.name, logger };
  const startRun = (job: Job, runId: string): Promise<void> =>
    job.name === FRESHNESS_JOB ? monitor.checkFreshness(runId) : reports.isReport(job.name) ? reports.start(job.name, runId) : runner.start(job, runId);
  const scheduler = new Scheduler({ jobs, store, owner, logger, startRun });
  const heartbeat = setInterval(() => {
    const now = new Date();
    void store
      .heartbeat(owner, runner.activeRunIds(), now)
      .then(() => store.markInterrupted({ heartbeatBefore: new Date(now.getTime() - STALE_MS) }))
      .catch((err: unknown) => logger.warn('heartbeat failed', { error: (err as Error).message }));
  }, HEARTBEAT_MS);

  const app = Fastify({ logger: false });
  // Before the routes: every /api/ route but the health check needs a token.
  const auth = installServerAuth(app, { projectDir: config.rootDir, logger, secrets: project.secrets });
  const adHocLimits = { allowWrites: options.allowWrites === true, allowFileAccess: options.allowFileAccess === true, defaultSchema: config.schema };
  const apiContext: ApiContext = {
    projectName: config.name,
    assets,
    jobs,
    store,
    startedAt: new Date(),
    nextTicks: () => scheduler.nextTicks(),
    cancelRun: (runId) => runner.cancel(runId),
    submitRun: async (request) => {
      const job = request.job;
      if (!job || (job.name !== FRESHNESS_JOB && !reports.isReport(job.name))) return submitRun(requests, request);
      // Freshness checks and reports are not asset runs: recorded in the store, run by their own code.
      const run = await store.createRun({ job: job.name, selector: [], trigger: 'api', owner });
      void startRun(job, run.id).catch((err: unknown) => logger.error(`${job.name} run ${run.id} failed: ${errorMessage(err)}`));
      return run;
    },
    submitRerun: (previous) => submitRerun(requests, previous, jobs),
    query: (sql, { signal }) => adHocQuery(warehouse, sql, { ...adHocLimits, signal }),
    catalog: { manifest, connections, freshness: expectations, warehouse },
  };
  registerApiRoutes(app, apiContext);
  registerCatalogRoutes(app, apiContext, logger);
  registerLineageRoutes(app, apiContext, logger, { layoutDir: layoutStoreDir(config.rootDir) });
  registerDashboardRoutes(app, apiContext, logger);
  registerAnalyticsRoutes(app, { warehouse, config }, logger);
  registerWorkbenchRoutes(app, { warehouse, defaultSchema: config.schema }, logger);
  registerCsvExportRoute(app, { queryBatches: (sql, onBatch, { signal }) => adHocQueryBatches(warehouse, sql, onBatch, { ...adHocLimits, signal }), secrets: project.secrets }, logger);
  try {
    await registerStaticUi(app, { root: path.join(packageRoot(), 'dist', 'ui') });
    await scheduler.start();
    const url = await app.listen({ host: '127.0.0.1', port });
    listeningUrl = url;
    await writeServerFile(config.rootDir, { pid: process.pid, url, startedAt: new Date().toISOString(), token: auth.localToken });
    const first = await auth.firstStart();
    if (first) io.stdout.write(`API token (shown once): ${first.token}\n  (named "default"; the UI asks for it; more with \`basin tokens create\`)\n`);
    const scheduled = [...scheduler.nextTicks()].map(([name, at]) => `${name} next at ${at.toISOString()}`);
    io.stderr.write(`Basin serving ${config.name} on ${url} (API under ${url}/api/), run store ${store.description}\n`);
    io.stderr.write(scheduled.length > 0 ? `Scheduled: ${scheduled.join('; ')}\n` : 'No scheduled jobs (add jobs: to basin.yml or schedule: to sources/*.yml)\n');
    await new Promise<void>((resolve) => {
      if (signal.aborted) resolve();
      else signal.addEventListener('abort', () => resolve(), { once: true });
    });
    io.stderr.write('Stopping: no new runs; runs in progress are canceled and recorded\n');
    return EXIT_OK;
  } finally {
    clearInterval(heartbeat);
    await removeServerFile(config.rootDir, process.pid);
    await scheduler.stop();
    await runner.cancelAll();
    await app.close();
    await auth.close();
    await store.close();
    await session.close();
  }
}
