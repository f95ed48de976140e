/**
 * Dashboard reports in `basin serve`: the `report_<name>` jobs of the
 * dashboards with `schedule:` and `to:`, and what a run of one does: read the
 * dashboard as it is now, run its queries (read-only, default inputs, no
 * cache), render the page (and the PDF when the report asks for it) and
 * deliver it through basin.yml `smtp:` or to webhooks.
 */
import { ConfigError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import { readYamlFile, zodIssuesToConfigError, type ProjectConfig } from '../config/index.js';
import type { Dashboard } from '../dashboards/dashboard.js';
import { loadDashboards } from '../dashboards/load-dashboards.js';
import { createQueryCache } from '../dashboards/query-cache.js';
import { renderDashboardHtml } from '../dashboards/render-html.js';
import { htmlToPdf } from '../dashboards/render-pdf.js';
import { deliverReport, smtpConfigSchema, type SmtpConfig } from '../dashboards/report-delivery.js';
import { runDashboard } from '../dashboards/run-dashboard.js';
import { projectEvents } from '../dashboards/project-events.js';
import { dashboardRelations } from '../orchestrator/dashboards/dashboard-relations.js';
import { REPORT_JOB_PREFIX, reportJobs, runReport } from '../orchestrator/dashboards/report-jobs.js';
import type { Job } from '../orchestrator/jobs/job.js';
import type { RunStore } from '../orchestrator/run-store/run-store.js';
import type { Manifest } from '../transform/compile/manifest.js';
import type { Warehouse } from '../warehouse/warehouse.js';

/** basin.yml `smtp:` validated (errors name basin.yml's line and key); undefined when absent. */
export async function loadSmtpConfig(config: Pick<ProjectConfig, 'smtp' | 'files'>): Promise<SmtpConfig | undefined> {
  if (config.smtp === undefined) return undefined;
  const parsed = smtpConfigSchema.safeParse(config.smtp);
  if (parsed.success) return parsed.data;
  const file = config.files.basinYml;
  if (!file) throw new ConfigError(`smtp: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  const yaml = await readYamlFile(file, 'basin.yml');
  const scrub = (t: string) => (typeof config.smtp?.['password'] === 'string' ? t.split(config.smtp['password']).join('***') : t);
  throw zodIssuesToConfigError(parsed.error.issues, { yaml, input: config.smtp, schema: smtpConfigSchema, basePath: ['smtp'], scrub });
}

export interface Reports {
  jobs: Job[];
  /** True for the name of a report job. */
  isReport(jobName: string): boolean;
  /** Runs the report job `jobName` as run `runId` (recorded in the store). */
  start(jobName: string, runId: string): Promise<void>;
}

/** The report jobs of `dashboards` and their runner. */
export function projectReports(
  dashboards: readonly Dashboard[],
  deps: { manifest: Manifest; warehouse: Warehouse; store: RunStore; smtp: SmtpConfig | undefined; logger: Logger; chromium?: string | undefined },
): Reports {
  const jobs = reportJobs(dashboards);
  const names = new Set(jobs.map((j) => j.name));
  return {
    jobs,
    isReport: (name) => names.has(name),
    async start(jobName, runId) {
      const name = jobName.slice(REPORT_JOB_PREFIX.length);
      // The file as it is now (edited since the server started: the new version is sent).
      const dashboard = (await loadDashboards(deps.manifest.config)).find((d) => d.name === name) ?? dashboards.find((d) => d.name === name)!;
      await runReport({
        store: deps.store,
        runId,
        dashboard,
        logger: deps.logger,
        render: async () => {
          const run = await runDashboard(dashboard, {}, {
            warehouse: deps.warehouse,
            ...dashboardRelations(deps.manifest),
            dataVersion: `report-${runId}`,
            cache: createQueryCache({ maxEntries: 50 }),
            defaultSchema: deps.manifest.config.schema,
            events: projectEvents(deps.manifest.config)?.spec,
            today: new Date(),
            logger: deps.logger,
          });
          const generatedAt = new Date();
          const html = await renderDashboardHtml(dashboard, run, { generatedAt });
          return { html, generatedAt, ...(dashboard.report?.format === 'pdf' ? { pdf: await htmlToPdf(html, { chromium: deps.chromium }) } : {}) };
        },
        deliver: (content, to) => deliverReport(content, to, { smtp: deps.smtp, logger: deps.logger }),
      });
    },
  };
}
