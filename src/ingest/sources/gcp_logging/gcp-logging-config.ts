import { z } from 'zod';
import { googleCredentialsSchema } from '../../http/auth/google-credentials-schema.js';

/**
 * The `config:` block of a `type: gcp_logging` connection. `credentials` is a
 * service-account key (the JSON object, or its text from `${env:VAR}`; secret)
 * needing `roles/logging.viewer`; `project_id` (default: the key's project)
 * or `resource_names` say whose logs to read; `filter` is the user's Logging
 * query, ANDed with the connector's timestamp window; `lookback_minutes`
 * re-reads a trailing window on every run because entries land late;
 * `rate_limit` defaults to Logging's read quota (60 requests per minute per
 * project).
 */
const startDate = z
  .union([z.string(), z.date()])
  .refine((v) => !Number.isNaN(v instanceof Date ? v.getTime() : Date.parse(v)), { message: 'expected a date such as 2025-01-01 or 2025-01-01T00:00:00Z' })
  .transform((v) => (v instanceof Date ? v.getTime() : Date.parse(v)));

const credentials = googleCredentialsSchema;

const rateLimit = z.strictObject({
  requests: z.number().int().positive().default(60),
  interval_seconds: z.number().positive().default(60),
});

const resourceName = z.string().regex(/^(projects|organizations|folders|billingAccounts)\/[^/]+(\/locations\/[^/]+\/buckets\/[^/]+\/views\/[^/]+)?$/, {
  message: 'expected projects/ID, organizations/ID, folders/ID, billingAccounts/ID or a log view',
});

export const gcpLoggingConfigSchema = z
  .strictObject({
    credentials,
    project_id: z.string().min(1).optional(),
    resource_names: z.array(resourceName).min(1).max(100).optional(),
    base_url: z.url().default('https://logging.googleapis.com'),
    filter: z.string().max(19_000).optional(),
    start_date: startDate.optional(),
    lookback_minutes: z.number().nonnegative().default(10),
    page_size: z.number().int().min(1).max(1000).default(1000),
    rate_limit: rateLimit.default({ requests: 60, interval_seconds: 60 }),
    table: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { message: 'expected a table name (letters, digits, underscores)' }).default('entries'),
  })
  .transform((config, ctx) => {
    const project = config.project_id ?? config.credentials.project_id;
    const names = config.resource_names ?? (project ? [`projects/${project}`] : []);
    if (names.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['project_id'], message: 'set project_id or resource_names (the key file names no project)' });
      return z.NEVER;
    }
    return { ...config, resource_names: names };
  });
export type GcpLoggingConfig = z.infer<typeof gcpLoggingConfigSchema>;
