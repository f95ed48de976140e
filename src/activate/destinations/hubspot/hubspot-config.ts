/** The `config:` of a `type: hubspot` destination, and HubSpot's documented limits. */
import { z } from 'zod';
import { rateLimitSchema, type Budget } from '../destination-http.js';

export const hubspotConfigSchema = z.strictObject({
  /** A private app's access token (`pat-...`); pass it as `${env:HUBSPOT_ACCESS_TOKEN}`. */
  access_token: z.string().min(1),
  /** The API's origin (the sandbox's `/hubspot` in tests and demos). */
  base_url: z.url().default('https://api.hubapi.com'),
  rate_limit: rateLimitSchema.optional(),
  /** Seconds one request may take. */
  timeout: z.number().positive().default(30),
});
export type HubSpotConfig = z.infer<typeof hubspotConfigSchema>;

/** HubSpot's burst limit for private apps: 100 requests per 10 seconds. */
export const HUBSPOT_DEFAULT_BUDGET: Budget = { requests: 100, perSeconds: 10 };

/** Inputs per CRM object batch request (create, update, upsert, archive, read). */
export const HUBSPOT_MAX_BATCH = 100;

/** Inputs per v4 association batch request. */
export const HUBSPOT_ASSOCIATION_BATCH = 1000;
