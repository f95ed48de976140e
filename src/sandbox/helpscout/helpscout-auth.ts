/**
 * OAuth2 client credentials as Help Scout implements them:
 * `POST /v2/oauth2/token` with `grant_type=client_credentials`, `client_id`
 * and `client_secret` (form, JSON or query parameters) answers
 * `{ token_type: 'bearer', access_token, expires_in: 172800 }`; API calls
 * carry `Authorization: Bearer <token>`. Tokens live 48 hours of wall time.
 */
import { hashInts, hashString } from '../prng.js';
import { HelpScoutApiError } from './helpscout-errors.js';

/** Token lifetime in seconds (Help Scout: two days). */
export const TOKEN_LIFETIME_SECONDS = 172_800;

/** The application credentials the fake accepts. */
export interface HelpScoutApp {
  clientId: string;
  clientSecret: string;
}

const MAX_TOKENS = 10_000;

function oauthError(status: number, error: string, description: string): Response {
  return Response.json({ error, error_description: description }, { status, headers: { 'cache-control': 'no-store' } });
}

/** Issues and checks access tokens. */
export class TokenIssuer {
  private readonly tokens = new Map<string, number>();
  private issued = 0;

  constructor(
    private readonly apps: readonly HelpScoutApp[],
    private readonly seed: number,
    private readonly wallClock: () => number,
  ) {}

  /** Answers a token request (`body` as sent, `url` for query parameters). */
  issue(headers: Headers, body: string, url: URL): Response {
    const params = new Map<string, string>(url.searchParams);
    const type = headers.get('content-type') ?? '';
    if (type.includes('json')) {
      try {
        for (const [k, v] of Object.entries(JSON.parse(body || '{}') as Record<string, unknown>)) params.set(k, String(v));
      } catch {
        return oauthError(400, 'invalid_request', 'The request body is not valid JSON');
      }
    } else {
      for (const [k, v] of new URLSearchParams(body)) params.set(k, v);
    }
    const grant = params.get('grant_type');
    if (!grant) return oauthError(400, 'invalid_request', 'Missing grant_type parameter value');
    if (grant !== 'client_credentials') return oauthError(400, 'unsupported_grant_type', `Unsupported grant type: ${grant}`);
    const id = params.get('client_id') ?? '';
    const secret = params.get('client_secret') ?? '';
    if (!this.apps.some((a) => a.clientId === id && a.clientSecret === secret)) {
      return oauthError(401, 'invalid_client', 'Bad client credentials');
    }
    if (this.tokens.size >= MAX_TOKENS) this.tokens.clear();
    const n = ++this.issued;
    const token = [1, 2, 3, 4].map((k) => hashInts(this.seed, hashString(id), n, k).toString(16).padStart(8, '0')).join('');
    this.tokens.set(token, this.wallClock() + TOKEN_LIFETIME_SECONDS * 1000);
    return Response.json({ token_type: 'bearer', access_token: token, expires_in: TOKEN_LIFETIME_SECONDS }, { headers: { 'cache-control': 'no-store' } });
  }

  /** Throws a 401 unless the request carries a live token. */
  authenticate(headers: Headers): void {
    const [scheme, token = ''] = (headers.get('authorization') ?? '').split(/\s+/, 2);
    const expires = scheme?.toLowerCase() === 'bearer' ? this.tokens.get(token) : undefined;
    if (expires === undefined || expires <= this.wallClock()) {
      throw new HelpScoutApiError(401, 'Invalid or expired access token', [], { 'www-authenticate': 'Bearer realm="api", error="invalid_token"' });
    }
  }
}
