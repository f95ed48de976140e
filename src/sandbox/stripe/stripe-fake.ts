/**
 * The Stripe fake, mounted at `/stripe`: point a client at
 * `http://127.0.0.1:<port>/stripe` with the sandbox key. The official client,
 * which takes a host but no base path, reaches the same fake at `/v1/` on the
 * server root (`host: '127.0.0.1', port, protocol: 'http'`). Read API only (GET), API version 2023-08-16 shapes.
 */
import { SyntheticCompany } from '../company/synthetic-company.js';
import { hashInts } from '../prng.js';
import type { InjectedFault, SandboxRequest, VendorContext, VendorFake } from '../vendor-fake.js';
import { StripeAccount } from './stripe-account.js';
import { authenticate } from './stripe-auth.js';
import { StripeApiError, errorResponse } from './stripe-errors.js';
import { API_VERSION } from './stripe-events.js';
import { handleGet } from './stripe-routes.js';

/** The secret key the sandbox accepts. */
export const STRIPE_SANDBOX_KEY = 'sk_test_basin_sandbox_0000000000000000';
/** The platform account (the synthetic company's own Stripe account). */
export const STRIPE_PLATFORM_ACCOUNT = 'acct_1BasinSandbox00';
/** Connected accounts reachable with `Stripe-Account` (each with its own, smaller customer base). */
export const STRIPE_CONNECTED_ACCOUNTS = ['acct_1BasinConnect01', 'acct_1BasinConnect02'] as const;

/** Options of the Stripe fake. */
export interface StripeFakeOptions {
  /** Accepted secret keys (default: STRIPE_SANDBOX_KEY). */
  keys?: readonly string[];
}

/** Builds the Stripe fake. */
export function createStripeFake(context: VendorContext, options: StripeFakeOptions = {}): VendorFake {
  const keys = options.keys ?? [STRIPE_SANDBOX_KEY];
  const platform = new StripeAccount(context.company, STRIPE_PLATFORM_ACCOUNT);
  const connected = new Map<string, StripeAccount>();
  STRIPE_CONNECTED_ACCOUNTS.forEach((id, n) => {
    const company = new SyntheticCompany({
      seed: hashInts(context.company.seed, 0x57a1, n),
      scale: context.company.scale * 0.2,
      start: context.company.start,
    });
    connected.set(id, new StripeAccount(company, id));
  });
  let requests = 0;
  const logger = context.logger.child({ vendor: 'stripe' });

  const headersFor = (request?: SandboxRequest): Record<string, string> => ({
    'request-id': `req_${(hashInts(context.company.seed, ++requests) >>> 0).toString(36).padStart(7, '0')}${requests.toString(36)}`,
    'stripe-version': request?.headers.get('stripe-version') ?? API_VERSION,
  });

  const serve = (request: SandboxRequest): Response => {
    const headers = headersFor(request);
    try {
      authenticate(request.headers, keys);
      const accountHeader = request.headers.get('stripe-account');
      const account = accountHeader && accountHeader !== STRIPE_PLATFORM_ACCOUNT ? connected.get(accountHeader) : platform;
      if (!account) {
        throw new StripeApiError(
          403,
          'invalid_request_error',
          `The provided key does not have access to account '${accountHeader}' (or that account does not exist). Application access may have been revoked.`,
          'account_invalid',
        );
      }
      const segments = request.path.replace(/^\/v1\/?/, '').split('/').filter((s) => s !== '').map(decodeURIComponent);
      const body =
        request.method === 'GET'
          ? handleGet({ account, segments, search: request.url.searchParams, now: request.now, malformed: request.malformed })
          : undefined;
      if (!body) {
        throw new StripeApiError(
          404,
          'invalid_request_error',
          `Unrecognized request URL (${request.method}: ${request.path}). The Basin sandbox serves Stripe's read API only; see docs/sandbox.md.`,
        );
      }
      return Response.json(body, { headers });
    } catch (err) {
      if (err instanceof StripeApiError) return errorResponse(err, headers);
      logger.error('stripe fake failed', { path: request.path, error: (err as Error).message });
      return errorResponse(new StripeApiError(500, 'api_error', 'An unknown error occurred'), headers);
    }
  };

  return {
    name: 'stripe',
    prefix: 'stripe',
    rootPaths: ['/v1/'],
    credentials: { api_key: keys[0] ?? '', account: STRIPE_PLATFORM_ACCOUNT, connected_accounts: STRIPE_CONNECTED_ACCOUNTS.join(',') },
    handle(request) {
      if (!request.path.startsWith('/v1/')) return undefined;
      return Promise.resolve(serve(request));
    },
    renderFault(fault: InjectedFault) {
      const headers = headersFor();
      if (fault.kind === 'rate_limit') {
        return errorResponse(
          new StripeApiError(429, 'invalid_request_error', 'Request rate limit exceeded. Learn more about rate limits here https://stripe.com/docs/rate-limits.', 'rate_limit'),
          { ...headers, 'retry-after': String(fault.retryAfterSeconds), 'stripe-should-retry': 'true' },
        );
      }
      return errorResponse(new StripeApiError(500, 'api_error', 'An unknown error occurred'), { ...headers, 'stripe-should-retry': 'true' });
    },
  };
}
