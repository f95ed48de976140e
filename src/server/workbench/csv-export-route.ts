/**
 * POST /api/query/csv: the SQL workbench's CSV download. The same body and
 * the same limits as POST /api/query (read-only, no file or network access
 * unless the server allows them: `adHocQueryBatches` in ad-hoc-query.ts), but
 * the whole result, streamed: rows go out as the warehouse hands them over
 * (`Warehouse.queryBatches`), so the server never holds the result.
 *
 * Answer: `text/csv; charset=utf-8` (RFC 4180: a header row, CRLF line ends,
 * fields with a comma, quote or line break quoted, NULL as an empty field),
 * `content-disposition: attachment; filename="query.csv"`. A statement the
 * server refuses, or one that fails before its first rows, is the JSON error
 * of POST /api/query (400 WAREHOUSE, 403 READ_ONLY / EXTERNAL_ACCESS). One
 * that fails after rows went out breaks the response off (no trailer that
 * would pass for data), so a download never looks complete when it is not.
 * The project's secret values are replaced with `***` in every field: the
 * /api/ secret guard only sees string bodies, not this stream.
 */
import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { scrubSecrets } from '../../config/env-interpolation.js';
import { BasinError, errorMessage } from '../../core/errors.js';
import { csvText, quoteCsv } from '../../core/csv-text.js';
import type { Logger } from '../../core/logger.js';
import type { QueryBatch, QueryBatchesSummary } from '../../warehouse/warehouse.js';
import { invalidBody, sendError } from '../api-routes.js';

/** What the route runs: the server's ad-hoc statement, batch by batch, and the secrets to scrub. */
export interface CsvExportContext {
  queryBatches(sql: string, onBatch: (batch: QueryBatch) => Promise<void>, options: { signal: AbortSignal }): Promise<QueryBatchesSummary>;
  secrets: readonly string[];
}

/** Body of POST /api/query/csv (that of POST /api/query; `limit` is optional and unbounded here). */
const csvBody = z.strictObject({
  sql: z.string().min(1),
  /** Rows written at most; without it, every row. */
  limit: z.number().int().min(1).optional(),
});

/** Thrown from the batch handler once `limit` rows were written. */
class LimitReached extends Error {}

/** Registers POST /api/query/csv on `app`. */
export function registerCsvExportRoute(app: FastifyInstance, ctx: CsvExportContext, logger: Logger): void {
  const secrets = ctx.secrets.filter((s) => s.length >= 3);
  const field = (value: unknown): string => {
    const text = csvText(value);
    return quoteCsv(secrets.length > 0 ? scrubSecrets(text, secrets) : text);
  };

  app.post('/api/query/csv', async (request, reply) => {
    const body = csvBody.safeParse(request.body ?? {});
    if (!body.success) return invalidBody(reply, body.error);
    const { sql, limit = Number.POSITIVE_INFINITY } = body.data;
    const abort = new AbortController();
    reply.raw.once('close', () => {
      if (!reply.raw.writableFinished) abort.abort(new Error('the client went away'));
    });
    const out = new PassThrough();
    let written = 0;
    let started: (() => void) | undefined;
    const firstBatch = new Promise<void>((resolve) => (started = resolve));
    const writeBatch = async (batch: QueryBatch): Promise<void> => {
      // The response is gone (the client went away): stop reading rows.
      if (out.destroyed) throw new BasinError('ABORTED', 'the CSV download was closed');
      const names = batch.columns.map((c) => c.name);
      let text = '';
      if (started) {
        text = `${names.map(field).join(',')}\r\n`;
        started();
        started = undefined;
      }
      for (const row of batch.rows) {
        if (written >= limit) break;
        text += `${names.map((n) => field(row[n])).join(',')}\r\n`;
        written++;
      }
      if (text !== '' && !out.write(text)) await once(out, 'drain', { signal: abort.signal });
      if (written >= limit) throw new LimitReached();
    };
    const done = ctx.queryBatches(sql, writeBatch, { signal: abort.signal }).then(
      () => undefined,
      (err: unknown) => {
        if (err instanceof LimitReached) return undefined;
        throw err;
      },
    );
    try {
      await Promise.race([firstBatch, done]);
    } catch (err) {
      return sendError(reply, err);
    }
    done.then(
      () => out.end(),
      (err: unknown) => {
        if (!abort.signal.aborted) logger.warn('CSV export failed after its first rows', { error: errorMessage(err) });
        out.destroy(err instanceof Error ? err : new Error(errorMessage(err)));
      },
    );
    return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="query.csv"').send(out);
  });
}
