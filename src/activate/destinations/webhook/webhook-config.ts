/** The `config:` of a `type: webhook` destination. */
import { z } from 'zod';
import { rateLimitSchema, type Budget } from '../destination-http.js';

export const webhookConfigSchema = z.strictObject({
  /** Where each batch is POSTed. */
  url: z.url(),
  /** HMAC-SHA256 signing secret (`X-Basin-Signature`); pass it as `${env:VAR}`. */
  secret: z.string().min(1).optional(),
  /** Extra request headers (an API key of the receiver, ...). */
  headers: z.record(z.string(), z.string()).default({}),
  rate_limit: rateLimitSchema.optional(),
  /** Seconds one request may take. */
  timeout: z.number().positive().default(30),
});
export type WebhookConfig = z.infer<typeof webhookConfigSchema>;

/** No vendor budget to follow: 10 requests per second unless the config or the sync says otherwise. */
export const WEBHOOK_DEFAULT_BUDGET: Budget = { requests: 10, perSeconds: 1 };

/** Records per POST. */
export const WEBHOOK_MAX_BATCH = 500;
