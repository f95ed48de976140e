/** The `config:` of a `type: customerio` destination (Customer.io's Track API). */
import { z } from 'zod';
import { rateLimitSchema, type Budget } from '../destination-http.js';

export const customerIoConfigSchema = z.strictObject({
  /** The workspace's Track API site id; pass it as `${env:CUSTOMERIO_SITE_ID}`. */
  site_id: z.string().min(1),
  /** The Track API key (secret); pass it as `${env:CUSTOMERIO_API_KEY}`. */
  api_key: z.string().min(1),
  /** The Track API root: `https://track.customer.io` (US) or `https://track-eu.customer.io` (EU). */
  base_url: z.url().default('https://track.customer.io'),
  rate_limit: rateLimitSchema.optional(),
  /** Seconds one request may take. */
  timeout: z.number().positive().default(30),
});
export type CustomerIoConfig = z.infer<typeof customerIoConfigSchema>;

/** Customer.io's fair-use limit of the Track API: 100 requests per second per workspace. */
export const CUSTOMERIO_DEFAULT_BUDGET: Budget = { requests: 100, perSeconds: 1 };

/** The Track API's documented size limits (bytes). */
export const CUSTOMERIO_SIZE_LIMITS = {
  /** One v2 batch request body. */
  batchBytes: 500 * 1024,
  /** One operation of a v2 batch, and one v1 request body. */
  operationBytes: 32 * 1024,
} as const;

/** Records per write call; each call is split into as many ≤ 500 KB batch requests as needed. */
export const CUSTOMERIO_MAX_BATCH = 1000;

/** The objects a sync can write to, and the person identifiers a record can be keyed by. */
export const CUSTOMERIO_OBJECTS = ['person', 'event'] as const;
export type CustomerIoObject = (typeof CUSTOMERIO_OBJECTS)[number];
export const CUSTOMERIO_IDENTIFIERS = ['id', 'email', 'cio_id'] as const;
export type CustomerIoIdentifier = (typeof CUSTOMERIO_IDENTIFIERS)[number];
