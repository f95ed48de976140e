/**
 * Scheduled dashboard reports: a dashboard whose front matter has
 * `schedule:` and `to:` is a job `report_<name>` of `basin serve`. A run of
 * it renders the dashboard (its queries on the current data) and delivers it
 * to every recipient, recorded in the run store like any run: one event per
 * recipient, failed when any delivery failed.
 */
import { errorMessage } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import type { Dashboard } from '../../dashboards/dashboard.js';
import type { DeliveryResult, ReportContent } from '../../dashboards/report-delivery.js';
import type { Job } from '../jobs/job.js';
import type { RunStore } from '../run-store/run-store.js';

/** Prefix of report job names. */
export const REPORT_JOB_PREFIX = 'report_';

/** The report jobs of `dashboards` (those with a schedule and recipients). */
export function reportJobs(dashboards: readonly Dashboard[]): Job[] {
  return dashboards
    .filter((d) => d.report !== undefined)
    .map((d) => ({
      name: `${REPORT_JOB_PREFIX}${d.name}`,
      select: [],
      exclude: [],
      schedule: d.report!.schedule,
      timezone: 'UTC',
      retries: { count: 0, backoffSeconds: 0 },
      concurrency: 1,
      missed: 'skip' as const,
      enabled: true,
      file: d.file,
    }));
}

/** Runs one report: render, deliver, record. */
export async function runReport(options: {
  store: RunStore;
  runId: string;
  dashboard: Pick<Dashboard, 'name' | 'title' | 'report'>;
  render(): Promise<Omit<ReportContent, 'dashboard'>>;
  deliver(content: ReportContent, to: readonly string[]): Promise<DeliveryResult[]>;
  logger: Logger;
}): Promise<DeliveryResult[]> {
  const { store, runId, dashboard } = options;
  const to = dashboard.report?.to ?? [];
  await store.updateRun(runId, { status: 'running', startedAt: new Date() });
  let results: DeliveryResult[];
  try {
    const content = await options.render();
    results = await options.deliver({ ...content, dashboard }, to);
  } catch (err) {
    const message = errorMessage(err);
    options.logger.error(`report ${dashboard.name} failed: ${message}`);
    await store.appendEvents(runId, [{ level: 'error', type: 'report_failed', message: `report ${dashboard.name} could not be rendered: ${message}`, at: new Date() }]);
    await store.updateRun(runId, { status: 'failed', finishedAt: new Date(), error: { message } });
    return [];
  }
  await store.appendEvents(
    runId,
    results.map((r) => ({
      level: r.ok ? ('info' as const) : ('error' as const),
      type: r.ok ? 'report_sent' : 'report_failed',
      message: r.ok ? `report ${dashboard.name} sent to ${r.to}` : `report ${dashboard.name} to ${r.to} failed: ${r.error ?? 'failed'}`,
      data: { to: r.to },
      at: new Date(),
    })),
  );
  const failed = results.filter((r) => !r.ok);
  await store.updateRun(runId, {
    status: failed.length > 0 ? 'failed' : 'succeeded',
    finishedAt: new Date(),
    ...(failed.length > 0 ? { error: { message: `${failed.length} of ${results.length} deliveries failed` } } : {}),
  });
  return results;
}
