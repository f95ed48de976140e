/**
 * What `basin serve` watches besides running jobs: a job run that ends
 * failed raises `run_failed`; each scheduled freshness check raises
 * `freshness_warn` / `freshness_error` for assets that got worse. Alerts go
 * through the AlertDispatcher (a log line, and the channels that want them)
 * with a link to the run on the server.
 */
import type { Logger } from '../../core/logger.js';
import { runFreshnessCheck } from '../freshness/freshness-check.js';
import type { FreshnessExpectation } from '../freshness/freshness-expectations.js';
import type { Job } from '../jobs/job.js';
import type { RunStatus, RunStore } from '../run-store/run-store.js';
import type { AlertDispatcher } from './alert-dispatcher.js';
import { runFailedAlert } from './run-failed-alert.js';

export interface RunMonitorOptions {
  store: RunStore;
  dispatcher: AlertDispatcher;
  expectations: readonly FreshnessExpectation[];
  /** The server's base URL for links (basin.yml `server.url`, else its own address); set once listening. */
  baseUrl: () => string | undefined;
  logger: Logger;
}

export class RunMonitor {
  constructor(private readonly options: RunMonitorOptions) {}

  /** Link to a run on the server. */
  runLink(runId: string): string | undefined {
    const base = this.options.baseUrl();
    return base ? `${base}/api/runs/${encodeURIComponent(runId)}` : undefined;
  }

  /** JobRunner's onFinished: alert when a run failed. */
  async runFinished(run: { job: Job; runId: string; status: RunStatus }): Promise<void> {
    if (run.status !== 'failed') return;
    const alert = await runFailedAlert(this.options.store, run.runId, this.runLink(run.runId), new Date());
    if (alert) await this.options.dispatcher.notify(alert);
  }

  /** Runs the claimed freshness check `runId` and sends its alerts. */
  async checkFreshness(runId: string): Promise<void> {
    const outcome = await runFreshnessCheck({
      store: this.options.store,
      runId,
      expectations: this.options.expectations,
      at: new Date(),
      link: this.runLink(runId),
      logger: this.options.logger,
    });
    for (const alert of outcome.alerts) await this.options.dispatcher.notify(alert);
  }
}
