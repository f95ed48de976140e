/**
 * The environment variables that point a project's connections at a running
 * sandbox: `<VENDOR>_BASE_URL` and `<VENDOR>_<CREDENTIAL>` for every mounted
 * fake (`STRIPE_BASE_URL`, `STRIPE_API_KEY`, `HUBSPOT_ACCESS_TOKEN`, ...), and
 * `GOOGLE_SERVICE_ACCOUNT_JSON` (a key file whose token endpoint is the
 * sandbox's) when the Google token endpoint is mounted. sources/*.yml files
 * written as `api_key: ${env:STRIPE_API_KEY}` and
 * `base_url: ${env:STRIPE_BASE_URL:-https://api.stripe.com}` then run
 * unchanged against the sandbox or the real APIs.
 */
import { sandboxServiceAccountKey } from './google/sandbox-service-account.js';
import type { VendorFake } from './vendor-fake.js';

const envName = (...parts: string[]): string => parts.join('_').replace(/[^A-Za-z0-9]+/g, '_').toUpperCase();

/** The variables for `vendors` mounted under `baseUrl(vendor)`. */
export function sandboxEnvironment(vendors: readonly VendorFake[], baseUrl: (vendor: string) => string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const vendor of vendors) {
    env[envName(vendor.name, 'base_url')] = baseUrl(vendor.name);
    for (const [key, value] of Object.entries(vendor.credentials)) env[envName(vendor.name, key)] = value;
    if (vendor.name === 'google-oauth') env['GOOGLE_SERVICE_ACCOUNT_JSON'] = JSON.stringify(sandboxServiceAccountKey(baseUrl(vendor.name)));
  }
  return env;
}
