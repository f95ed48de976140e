/**
 * What every built-in destination shares: its HTTP client (the ingest
 * toolkit's, with the destination's documented budget or the sync's
 * `rate_limit:`), the zod shape of `rate_limit:` in a destination's config,
 * and helpers turning a vendor's per-item errors into per-record results.
 */
import { z } from 'zod';
import { createHttpClient, type HttpAuth, type HttpClient } from '../../ingest/http/index.js';
import type { DestinationContext, RecordResult } from '../destination.js';

/** A request budget: `requests` per `per_seconds` (config) / `perSeconds` (capabilities). */
export interface Budget {
  requests: number;
  perSeconds: number;
}

/** `rate_limit: { requests, per_seconds }` in a destination's config. */
export const rateLimitSchema = z
  .strictObject({ requests: z.number().int().positive(), per_seconds: z.number().positive() })
  .transform((r): Budget => ({ requests: r.requests, perSeconds: r.per_seconds }));

/** The budget in force: the sync's, else the config's, else the documented default. */
export function budgetOf(context: DestinationContext, configured: Budget | undefined, documented: Budget): Budget {
  return context.rateLimit ?? configured ?? documented;
}

/** One HTTP client for one open destination: every request of the writer shares its token bucket. */
export function destinationClient(options: {
  baseUrl: string;
  auth?: HttpAuth | undefined;
  headers?: Record<string, string> | undefined;
  budget: Budget;
  context: Pick<DestinationContext, 'logger'>;
  timeoutMs?: number | undefined;
}): HttpClient {
  return createHttpClient({
    baseUrl: options.baseUrl,
    auth: options.auth,
    headers: options.headers,
    timeoutMs: options.timeoutMs,
    rateLimit: { requests: options.budget.requests, intervalMs: options.budget.perSeconds * 1000 },
    logger: options.context.logger,
  });
}

/** `count` results, all ok, with `errors` (by index) as failures. */
export function resultsWithErrors(count: number, errors: ReadonlyMap<number, string>): RecordResult[] {
  return Array.from({ length: count }, (_, i): RecordResult => {
    const error = errors.get(i);
    return error === undefined ? { ok: true } : { ok: false, error };
  });
}
