/**
 * The catalog API: GET /api/catalog (every connection with its streams, every
 * model, seed, snapshot, source and sync with columns, tests and freshness)
 * and GET /api/catalog/assets/:key (one asset with its SQL and recent runs),
 * both from one cached build (see catalog-cache.ts).
 */
import type { FastifyInstance } from 'fastify';
import type { Logger } from '../../core/logger.js';
import type { ApiContext } from '../api-context.js';
import { assetDetail } from './asset-detail.js';
import { buildCatalog } from './build-catalog.js';
import { CatalogCache, catalogVersion } from './catalog-cache.js';

/** Registers the catalog routes on `app`. */
export function registerCatalogRoutes(app: FastifyInstance, ctx: ApiContext, logger: Logger): void {
  const cache = new CatalogCache({
    build: () => buildCatalog({ projectName: ctx.projectName, assets: ctx.assets, store: ctx.store, sources: ctx.catalog, logger }),
    version: () => catalogVersion(ctx.store),
  });

  // Build once as soon as the server is up, so the first visitor does not wait for it.
  app.addHook('onReady', async () => {
    void cache.get().catch((err: unknown) => logger.warn(`catalog: the first build failed: ${(err as Error).message}`));
  });

  app.get('/api/catalog', async () => (await cache.get()).json);

  app.get<{ Params: { key: string } }>('/api/catalog/assets/:key', async (request, reply) => {
    const detail = await assetDetail(await cache.get(), ctx.catalog, ctx.store, request.params.key);
    if (!detail) return reply.code(404).send({ error: `no asset ${request.params.key}`, code: 'NOT_FOUND' });
    return detail;
  });
}
