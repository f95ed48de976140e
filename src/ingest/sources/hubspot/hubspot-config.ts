import { z } from 'zod';

/**
 * The `config:` block of a `type: hubspot` connection. `access_token` is a
 * private-app token (secret: pass it as `${env:VAR}`); `start_date` is kept
 * as epoch milliseconds; `rate_limit` defaults to HubSpot's documented
 * budgets (100 requests per 10 s, search 4 per second); `custom_objects`
 * names the portal's custom objects to read.
 */
const startDate = z
  .union([z.string(), z.date()])
  .refine((v) => !Number.isNaN(v instanceof Date ? v.getTime() : Date.parse(v)), { message: 'expected a date such as 2023-01-01 or 2023-01-01T00:00:00Z' })
  .transform((v) => (v instanceof Date ? v.getTime() : Date.parse(v)));

const rateLimit = z.strictObject({
  requests: z.number().int().positive().default(100),
  interval_seconds: z.number().positive().default(10),
  search_per_second: z.number().int().positive().default(4),
});

export const hubspotConfigSchema = z.strictObject({
  access_token: z.string().min(1),
  base_url: z.url().default('https://api.hubapi.com'),
  rate_limit: rateLimit.default({ requests: 100, interval_seconds: 10, search_per_second: 4 }),
  start_date: startDate.optional(),
  /** Custom objects to read, by name, fully qualified name or `2-…` type id (one stream each, named after the object). */
  custom_objects: z.array(z.string().min(1)).default([]),
  /** Association link streams (`contacts_to_companies`, ...); false leaves them out. */
  associations: z.boolean().default(true),
});
export type HubSpotConfig = z.infer<typeof hubspotConfigSchema>;
