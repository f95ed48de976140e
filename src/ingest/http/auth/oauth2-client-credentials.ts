import { HttpError } from '../http-error.js';
import { createHttpClient, type HttpClient } from '../http-client.js';
import type { HttpAuth } from './http-auth.js';

/** Settings of the OAuth2 client-credentials grant (RFC 6749 §4.4). */
export interface OAuth2ClientCredentialsOptions {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  scopes?: readonly string[] | undefined;
  /** Some APIs (Auth0 and others) want an `audience`. */
  audience?: string | undefined;
  /** Credentials as HTTP basic auth (default, RFC 6749's preference) or in the form body. */
  clientAuth?: 'basic' | 'body' | undefined;
  /** Extra form fields sent to the token endpoint. */
  extraParams?: Record<string, string> | undefined;
  /** Refresh this long before the token expires (default 60 s). */
  refreshBeforeMs?: number | undefined;
  /** Lifetime assumed when the endpoint sends no `expires_in` (default 1 hour). */
  defaultLifetimeMs?: number | undefined;
  /** The client that calls the token endpoint (default: a fresh one with retries). */
  http?: HttpClient | undefined;
  now?: (() => number) | undefined;
}

interface CachedToken {
  accessToken: string;
  tokenType: string;
  expiresAt: number;
}

/**
 * OAuth2 client credentials: fetches an access token, caches it, fetches a
 * new one shortly before it expires and once after a 401. Concurrent requests
 * share one token fetch.
 */
export function oauth2ClientCredentials(options: OAuth2ClientCredentialsOptions): HttpAuth & { tokenFetches(): number } {
  const http = options.http ?? createHttpClient({ retry: { maxAttempts: 3 } });
  const now = options.now ?? Date.now;
  const refreshBefore = options.refreshBeforeMs ?? 60_000;
  let cached: CachedToken | undefined;
  let pending: Promise<CachedToken> | undefined;
  let fetches = 0;

  const fetchToken = async (signal: AbortSignal): Promise<CachedToken> => {
    fetches++;
    const form = new URLSearchParams({ grant_type: 'client_credentials', ...options.extraParams });
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
    if (options.clientAuth === 'body') {
      form.set('client_id', options.clientId);
      form.set('client_secret', options.clientSecret);
    } else {
      const encode = (s: string): string => encodeURIComponent(s).replace(/%20/g, '+');
      headers['authorization'] = `Basic ${Buffer.from(`${encode(options.clientId)}:${encode(options.clientSecret)}`).toString('base64')}`;
    }
    if (options.scopes?.length) form.set('scope', options.scopes.join(' '));
    if (options.audience) form.set('audience', options.audience);
    const res = await http.request({ method: 'POST', url: options.tokenUrl, headers, body: form.toString() }, { signal });
    const body = res.json<Record<string, unknown>>();
    const accessToken = body?.['access_token'];
    if (typeof accessToken !== 'string' || accessToken === '') {
      throw new HttpError('HTTP_RESPONSE', `token endpoint ${res.url} returned no access_token`, { url: res.url, method: 'POST', status: res.status });
    }
    const expiresIn = Number(body['expires_in']);
    const lifetime = Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn * 1000 : (options.defaultLifetimeMs ?? 3_600_000);
    const tokenType = typeof body['token_type'] === 'string' && body['token_type'].toLowerCase() !== 'bearer' ? body['token_type'] : 'Bearer';
    return { accessToken, tokenType, expiresAt: now() + lifetime };
  };

  const token = async (signal: AbortSignal): Promise<CachedToken> => {
    if (cached && now() < cached.expiresAt - refreshBefore) return cached;
    pending ??= fetchToken(signal).finally(() => {
      pending = undefined;
    });
    cached = await pending;
    return cached;
  };

  return {
    async apply(target, signal) {
      const t = await token(signal);
      target.headers['authorization'] = `${t.tokenType} ${t.accessToken}`;
    },
    async refresh(signal) {
      cached = undefined;
      await token(signal);
      return true;
    },
    tokenFetches: () => fetches,
  };
}
