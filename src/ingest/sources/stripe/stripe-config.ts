import { z } from 'zod';

/**
 * The `config:` block of a `type: stripe` connection. `start_date` is kept
 * as epoch seconds (undefined: two years before the newest event, resolved
 * at read time); `rate_limit` is requests per second (undefined: 25 for test
 * keys, 100 for live keys, Stripe's documented read limits).
 */
const startDate = z
  .union([z.string(), z.date()])
  .refine((v) => !Number.isNaN(v instanceof Date ? v.getTime() : Date.parse(v)), { message: 'expected a date such as 2023-01-01 or 2023-01-01T00:00:00Z' })
  .transform((v) => Math.floor((v instanceof Date ? v.getTime() : Date.parse(v)) / 1000));

export const stripeConfigSchema = z.strictObject({
  /** A secret or restricted key (`sk_...`, `rk_...`) with read access; pass it as `${env:VAR}`. */
  api_key: z.string().min(1),
  base_url: z.url().default('https://api.stripe.com'),
  /** A Connect account id; sent as the `Stripe-Account` header. */
  account: z.string().regex(/^acct_[A-Za-z0-9]+$/, 'expected a Connect account id such as acct_1AbC...').optional(),
  start_date: startDate.optional(),
  rate_limit: z.number().positive().optional(),
  page_size: z.number().int().min(1).max(100).default(100),
});
export type StripeConfig = z.infer<typeof stripeConfigSchema>;

/** Stripe's documented read limit for the key's mode (requests per second). */
export function defaultRateLimit(apiKey: string): number {
  return /^(sk|rk)_test_/.test(apiKey) ? 25 : 100;
}
