/**
 * The dashboards API: GET /api/dashboards (the list), GET
 * /api/dashboards/:name (its blocks), POST /api/dashboards/:name/run
 * (`{ inputs, queries? }` → `{ inputs, queries, dataVersion }`: the rows of
 * every query, or with `queries: [names]` of those only, plus the options
 * queries of the dropdowns they read; an unknown name is a 400 naming it.
 * The web UI asks for each chart's query on its own, concurrently, so each
 * chart draws as soon as its rows arrive), GET
 * /api/dashboards/:name/export?format=html|pdf&<input>=… (the static page).
 * Results come from the cache per (query, parameters, data version) while
 * the data they read is unchanged; concurrent requests for one query share
 * one run; a request whose client went away is cancelled. Files are read on
 * each request, so an edited dashboard shows on reload; queries are
 * read-only whatever the server allows.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { BasinError, errorMessage } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import type { Dashboard } from '../../dashboards/dashboard.js';
import { loadDashboards } from '../../dashboards/load-dashboards.js';
import { createQueryCache } from '../../dashboards/query-cache.js';
import { renderDashboardHtml } from '../../dashboards/render-html.js';
import { htmlToPdf } from '../../dashboards/render-pdf.js';
import { runDashboard, type DashboardRun, type DashboardRunOptions } from '../../dashboards/run-dashboard.js';
import { projectEvents } from '../../dashboards/project-events.js';
import { dashboardRelations } from '../../orchestrator/dashboards/dashboard-relations.js';
import type { ApiContext } from '../api-context.js';
import { dashboardAssetKeys, dashboardDataVersion } from './dashboard-data-version.js';

const runBody = z.strictObject({
  inputs: z.record(z.string(), z.string()).default({}),
  queries: z.array(z.string()).max(500).optional(),
});

function fail(reply: FastifyReply, err: unknown): FastifyReply {
  const code = err instanceof BasinError ? err.code : 'INTERNAL';
  const status = code === 'USAGE' || code === 'CONFIG_INVALID' ? 400 : 500;
  return reply.code(status).send({ error: errorMessage(err), code });
}

/** Registers the dashboards API on `app`. */
export function registerDashboardRoutes(app: FastifyInstance, ctx: ApiContext, logger: Logger, options: { chromium?: string | undefined } = {}): void {
  const { manifest, warehouse } = ctx.catalog;
  const cache = createQueryCache();
  const relations = dashboardRelations(manifest);
  const events = projectEvents(manifest.config);
  const find = async (name: string): Promise<Dashboard | undefined> => (await loadDashboards(manifest.config)).find((d) => d.name === name);
  const run = async (dashboard: Dashboard, inputs: Record<string, string>, signal?: AbortSignal, only: DashboardRunOptions = {}): Promise<DashboardRun> =>
    runDashboard(
      dashboard,
      inputs,
      {
        warehouse,
        ...relations,
        dataVersion: await dashboardDataVersion(dashboard, ctx.assets, ctx.store),
        cache,
        defaultSchema: manifest.config.schema,
        events: events?.spec,
        today: new Date(),
        logger,
        signal,
      },
      only,
    );

  app.get('/api/dashboards', async (_request, reply) => {
    try {
      return (await loadDashboards(manifest.config)).map((d) => ({
        name: d.name,
        title: d.title,
        description: d.description ?? null,
        owner: d.owner ?? null,
        tags: d.tags,
        file: d.file,
        reads: dashboardAssetKeys(d, ctx.assets),
        charts: d.blocks.filter((b) => b.kind === 'chart').length,
        report: d.report ?? null,
      }));
    } catch (err) {
      return fail(reply, err);
    }
  });

  app.get<{ Params: { name: string } }>('/api/dashboards/:name', async (request, reply) => {
    try {
      const dashboard = await find(request.params.name);
      if (!dashboard) return reply.code(404).send({ error: `no dashboard ${request.params.name}`, code: 'NOT_FOUND' });
      return { ...dashboard, reads: dashboardAssetKeys(dashboard, ctx.assets) };
    } catch (err) {
      return fail(reply, err);
    }
  });

  app.post<{ Params: { name: string } }>('/api/dashboards/:name/run', async (request, reply) => {
    const body = runBody.safeParse(request.body ?? {});
    if (!body.success) {
      const issue = body.error.issues[0];
      return reply.code(400).send({ error: `invalid request body: ${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`, code: 'USAGE' });
    }
    try {
      const dashboard = await find(request.params.name);
      if (!dashboard) return reply.code(404).send({ error: `no dashboard ${request.params.name}`, code: 'NOT_FOUND' });
      const abort = new AbortController();
      reply.raw.once('close', () => {
        if (!reply.raw.writableFinished) abort.abort(new Error('the client went away'));
      });
      return await run(dashboard, body.data.inputs, abort.signal, { queries: body.data.queries });
    } catch (err) {
      return fail(reply, err);
    }
  });

  app.get<{ Params: { name: string }; Querystring: Record<string, string> }>('/api/dashboards/:name/export', async (request, reply) => {
    const { format = 'html', ...inputs } = request.query;
    if (format !== 'html' && format !== 'pdf') return reply.code(400).send({ error: 'format must be html or pdf', code: 'USAGE' });
    try {
      const dashboard = await find(request.params.name);
      if (!dashboard) return reply.code(404).send({ error: `no dashboard ${request.params.name}`, code: 'NOT_FOUND' });
      const html = await renderDashboardHtml(dashboard, await run(dashboard, inputs), { generatedAt: new Date() });
      const file = `${dashboard.name}.${format}`;
      reply.header('content-disposition', `attachment; filename="${file}"`);
      if (format === 'html') return reply.type('text/html; charset=utf-8').send(html);
      return reply.type('application/pdf').send(await htmlToPdf(html, { chromium: options.chromium }));
    } catch (err) {
      return fail(reply, err);
    }
  });
}
