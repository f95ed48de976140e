/** Stripe's authentication: `Authorization: Bearer <key>` or HTTP basic with the key as username. */
import { StripeApiError } from './stripe-errors.js';

function mask(key: string): string {
  return key.length <= 8 ? '****' : `${key.slice(0, 8)}${'*'.repeat(Math.max(4, key.length - 12))}${key.slice(-4)}`;
}

/** Extracts the API key from the headers; undefined when none is given. */
export function apiKeyOf(headers: Headers): string | undefined {
  const auth = headers.get('authorization');
  if (!auth) return undefined;
  const [scheme, value = ''] = auth.split(/\s+/, 2);
  if (scheme?.toLowerCase() === 'bearer') return value;
  if (scheme?.toLowerCase() === 'basic') {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon < 0 ? decoded : decoded.slice(0, colon);
  }
  return undefined;
}

/** Throws Stripe's 401 unless the request carries one of `keys`. */
export function authenticate(headers: Headers, keys: readonly string[]): string {
  const key = apiKeyOf(headers);
  if (!key) {
    throw new StripeApiError(
      401,
      'invalid_request_error',
      "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.",
    );
  }
  if (!keys.includes(key)) {
    throw new StripeApiError(401, 'invalid_request_error', `Invalid API Key provided: ${mask(key)}`, 'api_key_invalid');
  }
  return key;
}
