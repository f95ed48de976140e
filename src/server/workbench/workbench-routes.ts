/**
 * The SQL workbench's API: GET /api/warehouse/schema (schemas, tables with
 * their kind, columns with types) for the editor's completion. Queries
 * themselves go through POST /api/query (src/server/api-routes.ts), which is
 * read-only and without file or network access unless the server allows them
 * (ad-hoc-query.ts); the CSV download streams the whole result through
 * POST /api/query/csv (csv-export-route.ts).
 */
import type { FastifyInstance } from 'fastify';
import { BasinError, errorMessage } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import type { Warehouse } from '../../warehouse/warehouse.js';
import { readWarehouseSchema } from './warehouse-schema.js';

/** What the workbench routes read: the warehouse and the project's target schema. */
export interface WorkbenchContext {
  warehouse: Warehouse;
  defaultSchema: string;
}

/** Registers GET /api/warehouse/schema on `app`. */
export function registerWorkbenchRoutes(app: FastifyInstance, ctx: WorkbenchContext, logger: Logger): void {
  app.get('/api/warehouse/schema', async (_request, reply) => {
    try {
      return await readWarehouseSchema(ctx.warehouse, ctx.defaultSchema);
    } catch (err) {
      logger.error('warehouse schema failed', { error: errorMessage(err) });
      const code = err instanceof BasinError ? err.code : 'INTERNAL';
      return reply.code(code === 'WAREHOUSE' ? 502 : 500).send({ error: errorMessage(err), code });
    }
  });
}
