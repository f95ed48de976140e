/**
 * `basin dashboards ls` lists the project's dashboards/*.md with what they
 * read; `basin dashboards export <name>` runs a dashboard's queries against
 * the warehouse (read-only, inputs as `--input name=value`) and writes it as
 * a self-contained HTML page or a PDF.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { BasinError } from '../../core/errors.js';
import { toJson } from '../../core/json-text.js';
import type { Logger } from '../../core/logger.js';
import { loadDashboards } from '../../dashboards/load-dashboards.js';
import { createQueryCache } from '../../dashboards/query-cache.js';
import { renderDashboardHtml } from '../../dashboards/render-html.js';
import { htmlToPdf } from '../../dashboards/render-pdf.js';
import { runDashboard } from '../../dashboards/run-dashboard.js';
import { projectEvents } from '../../dashboards/project-events.js';
import { dashboardRelations } from '../../orchestrator/dashboards/dashboard-relations.js';
import type { CliIo } from '../cli-io.js';
import { EXIT_FAILURES, EXIT_OK } from '../exit-codes.js';
import { openProject, type ProjectOptions } from '../project-session.js';
import { loadProjectConfig } from '../../config/index.js';

export interface DashboardsListOptions {
  project?: string | undefined;
  target?: string | undefined;
  json?: boolean | undefined;
}

/** `basin dashboards ls`. */
export async function runDashboardsList(options: DashboardsListOptions, io: CliIo, logger: Logger): Promise<number> {
  const config = await loadProjectConfig(path.resolve(io.cwd, options.project ?? '.'), { target: options.target, logger, env: io.env });
  const rows = (await loadDashboards(config)).map((d) => ({
    dashboard: d.name,
    title: d.title,
    file: d.file,
    tags: d.tags,
    reads: [...d.refs, ...d.sources.map(([s, t]) => `${s}.${t}`)],
    queries: d.blocks.filter((b) => b.kind === 'query').length,
    charts: d.blocks.filter((b) => b.kind === 'chart').length,
    report: d.report ?? null,
  }));
  if (options.json) io.stdout.write(`${toJson(rows)}\n`);
  else for (const r of rows) io.stdout.write(`${r.dashboard}: ${r.title} (${r.charts} charts, reads ${r.reads.join(', ') || 'nothing'})${r.report ? `, report '${r.report.schedule}'` : ''}\n`);
  return EXIT_OK;
}

export interface DashboardsExportOptions extends ProjectOptions {
  format?: string | undefined;
  out?: string | undefined;
  input?: string[] | undefined;
  chromium?: string | undefined;
}

/** Parses `--input name=value` options. */
export function parseInputOptions(values: readonly string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of values) {
    const at = v.indexOf('=');
    if (at <= 0) throw new BasinError('USAGE', `--input expects name=value, got '${v}'`);
    out[v.slice(0, at)] = v.slice(at + 1);
  }
  return out;
}

/** `basin dashboards export <name> [--format html|pdf] [--out file] [--input name=value]...`. */
export async function runDashboardsExport(name: string, options: DashboardsExportOptions, io: CliIo, logger: Logger, signal?: AbortSignal): Promise<number> {
  const format = options.format ?? 'html';
  if (format !== 'html' && format !== 'pdf') throw new BasinError('USAGE', `--format must be html or pdf (got '${format}')`);
  const inputs = parseInputOptions(options.input);
  const session = await openProject(options, io.cwd, logger);
  try {
    const dashboard = (await loadDashboards(session.config)).find((d) => d.name === name);
    if (!dashboard) throw new BasinError('USAGE', `no dashboard named ${name} (dashboards/${name}.md)`);
    const run = await runDashboard(dashboard, inputs, {
      warehouse: session.warehouse,
      ...dashboardRelations(session.manifest),
      dataVersion: 'export',
      cache: createQueryCache(),
      defaultSchema: session.config.schema,
      events: projectEvents(session.config)?.spec,
      today: new Date(),
      logger,
      signal,
    });
    const html = await renderDashboardHtml(dashboard, run, { generatedAt: new Date() });
    const out = path.resolve(io.cwd, options.out ?? `${name}.${format}`);
    await writeFile(out, format === 'pdf' ? await htmlToPdf(html, { chromium: options.chromium, ...(signal ? { signal } : {}) }) : html);
    const failed = Object.entries(run.queries).filter(([, r]) => r.error);
    for (const [query, r] of failed) io.stderr.write(`query ${query} failed: ${r.error}\n`);
    io.stdout.write(`${out}\n`);
    return failed.length > 0 ? EXIT_FAILURES : EXIT_OK;
  } finally {
    await session.close();
  }
}
