import { z } from 'zod';

/**
 * The `config:` block of a `type: help_scout` connection: an OAuth2 app's
 * `client_id` and `client_secret` (secrets: pass them as `${env:VAR}`),
 * the API's `base_url`, the account's request budget (`rate_limit`;
 * Help Scout's limit depends on the plan, 200 per minute by default) and an
 * optional `start_date` (kept as epoch milliseconds): records last modified
 * before it are not read.
 */
const startDate = z
  .union([z.string(), z.date()])
  .refine((v) => !Number.isNaN(v instanceof Date ? v.getTime() : Date.parse(v)), { message: 'expected a date such as 2023-01-01 or 2023-01-01T00:00:00Z' })
  .transform((v) => (v instanceof Date ? v.getTime() : Date.parse(v)));

const rateLimit = z.strictObject({
  requests_per_minute: z.number().int().positive().default(200),
});

export const helpScoutConfigSchema = z.strictObject({
  client_id: z.string().min(1),
  client_secret: z.string().min(1),
  base_url: z.url().default('https://api.helpscout.net'),
  rate_limit: rateLimit.default({ requests_per_minute: 200 }),
  start_date: startDate.optional(),
});
export type HelpScoutConfig = z.infer<typeof helpScoutConfigSchema>;
