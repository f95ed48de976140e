/**
 * GET /api/lineage: the asset graph laid out by ELK (layered, left to right),
 * whole or around one asset. Query: `focus=<key>` with `up`/`down` levels
 * (default 2, at most 99), `tests=true` to draw tests as nodes. Layouts run
 * in a worker thread and are cached for the life of the server, and with
 * `layoutDir` (basin serve: the project's .basin/lineage-layouts/) on disk
 * for the next start; a large graph's whole layout starts as soon as the
 * routes are registered.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { errorMessage } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import type { ApiContext } from '../api-context.js';
import { LayoutStore } from './layout-store.js';
import { ElkWorker } from './layout-worker.js';
import { LineageLayouts } from './lineage-layouts.js';
import { lineageResponse } from './lineage-response.js';

/** Graphs with at least this many assets are laid out at startup (smaller ones take under a second on demand). */
const WARM_FROM_ASSETS = 300;

const levels = z.coerce.number().int().min(0).max(99).default(2);
const query = z.object({
  focus: z.string().min(1).optional(),
  up: levels,
  down: levels,
  tests: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
});

/** What the lineage route reads: the project's graph and the run store's latest results. */
export type LineageContext = Pick<ApiContext, 'projectName' | 'assets' | 'store'>;

/**
 * Registers GET /api/lineage on `app`; the layout worker stops when the app
 * closes. `layoutDir`: where computed layouts are kept between starts.
 */
export function registerLineageRoutes(app: FastifyInstance, ctx: LineageContext, logger: Logger, options: { layoutDir?: string; elk?: ElkWorker } = {}): void {
  const elk = options.elk ?? new ElkWorker();
  const layouts = new LineageLayouts(ctx.assets, elk, logger, options.layoutDir === undefined ? undefined : new LayoutStore(options.layoutDir, logger));
  const keys = [...ctx.assets.assets.values()].map((a) => a.key);
  app.addHook('onClose', async () => elk.close());
  if (ctx.assets.assets.size >= WARM_FROM_ASSETS) layouts.warm();

  app.get('/api/lineage', async (request, reply) => {
    const parsed = query.safeParse(request.query);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return reply.code(400).send({ error: `invalid query: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`, code: 'USAGE' });
    }
    const view = parsed.data;
    try {
      const found = await layouts.get(view);
      if (!found) return reply.code(404).send({ error: `no asset ${view.focus ?? ''}`, code: 'NOT_FOUND' });
      const status = new Map((await ctx.store.latestAssetRuns()).map((r) => [r.assetKey, r.status as string]));
      return lineageResponse({ project: ctx.projectName, view, laidOut: found.laidOut, status, keys, layoutMs: found.cached ? 0 : found.laidOut.ms });
    } catch (err) {
      logger.error('lineage failed', { error: errorMessage(err) });
      return reply.code(500).send({ error: errorMessage(err), code: 'INTERNAL' });
    }
  });
}
