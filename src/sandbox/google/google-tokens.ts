/**
 * Access tokens the sandbox's Google OAuth fake issues, and the check every
 * Google fake runs on `Authorization: Bearer ...`. Tokens are stateless (a
 * signed claim set, like Google's opaque `ya29.` tokens to their holder), so
 * any fake can verify them without shared memory. A Google fake also accepts
 * a self-signed service-account JWT (what google-auth-library sends when
 * `useJWTAccessWithScope` is on, as Google's Cloud client libraries do).
 */
import { createHmac, createVerify, timingSafeEqual } from 'node:crypto';
import { GoogleApiError } from './google-errors.js';
import { GOOGLE_SANDBOX_CLIENT_EMAIL, GOOGLE_SANDBOX_PRIVATE_KEY, sandboxPublicKey } from './sandbox-service-account.js';

/** Lifetime of issued access tokens (Google's: one hour). */
export const ACCESS_TOKEN_SECONDS = 3600;

const TOKEN_PREFIX = 'ya29.sandbox.';
const hmacKey = createHmac('sha256', 'basin-sandbox-google').update(GOOGLE_SANDBOX_PRIVATE_KEY).digest();

/** What a verified credential grants. */
export interface GoogleGrant {
  /** The service account. */
  principal: string;
  /** OAuth scopes (empty for a self-signed JWT with an `aud` instead of scopes). */
  scopes: string[];
  /** Audience of a self-signed JWT (the API's service URL), when it has one. */
  audience?: string | undefined;
}

interface TokenClaims {
  sub: string;
  scope: string;
  exp: number;
}

function sign(payload: string): string {
  return createHmac('sha256', hmacKey).update(payload).digest('base64url');
}

/** Issues an access token for `principal` with `scopes`, valid for an hour from `nowMs` (wall clock). */
export function issueAccessToken(principal: string, scopes: readonly string[], nowMs: number): string {
  const claims: TokenClaims = { sub: principal, scope: scopes.join(' '), exp: Math.floor(nowMs / 1000) + ACCESS_TOKEN_SECONDS };
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${TOKEN_PREFIX}${payload}.${sign(payload)}`;
}

function decodeJson(part: string | undefined): Record<string, unknown> | undefined {
  if (!part) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function verifyIssued(token: string, nowMs: number): GoogleGrant | undefined {
  const [payload, mac] = token.slice(TOKEN_PREFIX.length).split('.', 2);
  if (!payload || !mac) return undefined;
  const expected = Buffer.from(sign(payload));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  const claims = decodeJson(payload);
  if (!claims || typeof claims['exp'] !== 'number' || claims['exp'] * 1000 <= nowMs) return undefined;
  return { principal: String(claims['sub']), scopes: String(claims['scope'] ?? '').split(' ').filter(Boolean) };
}

/**
 * Verifies a JWT signed with the sandbox service account's key (RS256):
 * signature, issuer and expiry. Returns its claims, or undefined.
 */
export function verifyServiceAccountJwt(jwt: string, nowMs: number): Record<string, unknown> | undefined {
  const [h, p, s] = jwt.split('.');
  const header = decodeJson(h);
  const claims = decodeJson(p);
  if (!header || !claims || !s || header['alg'] !== 'RS256') return undefined;
  const valid = createVerify('RSA-SHA256').update(`${h}.${p}`).verify(sandboxPublicKey(), Buffer.from(s, 'base64url'));
  if (!valid || claims['iss'] !== GOOGLE_SANDBOX_CLIENT_EMAIL) return undefined;
  const exp = Number(claims['exp']);
  // Google allows a few minutes of clock skew.
  if (!Number.isFinite(exp) || exp * 1000 + 300_000 <= nowMs) return undefined;
  return claims;
}

const UNAUTHENTICATED =
  'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.';

/**
 * Checks a Google API request's bearer credential and its scopes: resolves to
 * the grant, or throws a GoogleApiError (401 UNAUTHENTICATED, 403 when no
 * accepted scope was granted). `acceptedScopes`: any one of them suffices.
 */
export function authorizeGoogleRequest(headers: Headers, acceptedScopes: readonly string[], nowMs: number = Date.now()): GoogleGrant {
  const authorization = headers.get('authorization') ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(authorization);
  const unauthenticated = new GoogleApiError(401, UNAUTHENTICATED, 'UNAUTHENTICATED', { 'www-authenticate': 'Bearer realm="https://accounts.google.com/"' });
  if (!match?.[1]) throw unauthenticated;
  const token = match[1];
  let grant: GoogleGrant | undefined;
  if (token.startsWith(TOKEN_PREFIX)) {
    grant = verifyIssued(token, nowMs);
  } else {
    const claims = verifyServiceAccountJwt(token, nowMs);
    if (claims) {
      const scope = typeof claims['scope'] === 'string' ? claims['scope'] : '';
      grant = { principal: String(claims['iss']), scopes: scope.split(' ').filter(Boolean), audience: typeof claims['aud'] === 'string' ? claims['aud'] : undefined };
    }
  }
  if (!grant) throw unauthenticated;
  // A self-signed JWT scoped by audience (no scopes) is accepted as Google does for the API it names.
  if (grant.scopes.length > 0 && !grant.scopes.some((s) => acceptedScopes.includes(s))) {
    throw new GoogleApiError(403, 'Request had insufficient authentication scopes.', 'PERMISSION_DENIED');
  }
  return grant;
}
