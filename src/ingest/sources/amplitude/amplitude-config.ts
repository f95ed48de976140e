/**
 * The `config:` block of a `type: amplitude` connection. `api_key` and
 * `secret_key` are the project's (pass the secret as `${env:VAR}`); `region`
 * picks the host (`us`: amplitude.com, `eu`: analytics.eu.amplitude.com) and
 * `base_url` overrides it (the sandbox). `start_date` is the first upload hour
 * read (epoch ms, floored to the hour). Each request exports `window_hours`
 * hours; every run re-reads the `lookback_hours` before the last hour known
 * complete, for data Amplitude loads later than its documented 2 hours.
 */
import { z } from 'zod';

const startDate = z
  .union([z.string(), z.date()])
  .refine((v) => !Number.isNaN(v instanceof Date ? v.getTime() : Date.parse(v)), { message: 'expected a date such as 2023-01-01 or 2023-01-01T00:00:00Z' })
  .transform((v) => (v instanceof Date ? v.getTime() : Date.parse(v)));

const rateLimit = z.strictObject({
  requests: z.number().int().positive().default(60),
  interval_seconds: z.number().positive().default(60),
});

/** Hosts by data residency. */
export const AMPLITUDE_HOSTS = { us: 'https://amplitude.com', eu: 'https://analytics.eu.amplitude.com' } as const;

export const amplitudeConfigSchema = z.strictObject({
  api_key: z.string().min(1),
  secret_key: z.string().min(1),
  region: z.enum(['us', 'eu']).default('us'),
  base_url: z.url().optional(),
  start_date: startDate,
  /** Hours per export request (Amplitude allows up to 365 days, and 4 GB per archive). */
  window_hours: z.number().int().min(1).max(365 * 24).default(24),
  lookback_hours: z.number().int().min(0).max(30 * 24).default(6),
  rate_limit: rateLimit.default({ requests: 60, interval_seconds: 60 }),
});
export type AmplitudeConfig = z.infer<typeof amplitudeConfigSchema>;

/** The API host of a config: `base_url`, else the region's. */
export function amplitudeBaseUrl(config: Pick<AmplitudeConfig, 'base_url' | 'region'>): string {
  return config.base_url ?? AMPLITUDE_HOSTS[config.region];
}
