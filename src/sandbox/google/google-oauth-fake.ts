/**
 * Google's OAuth 2.0 token endpoint for service accounts, mounted at
 * `/google-oauth`: `POST /token` with `grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer`
 * and a JWT assertion signed by the sandbox service account's key answers
 * `{ access_token, expires_in, token_type }`, as `https://oauth2.googleapis.com/token`
 * does. The sandbox's key file (`sandboxServiceAccountKey`) names it as `token_uri`.
 */
import type { InjectedFault, SandboxRequest, VendorContext, VendorFake } from '../vendor-fake.js';
import { ACCESS_TOKEN_SECONDS, issueAccessToken, verifyServiceAccountJwt } from './google-tokens.js';
import { GOOGLE_SANDBOX_CLIENT_EMAIL, GOOGLE_SANDBOX_PROJECT } from './sandbox-service-account.js';

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

function oauthError(status: number, error: string, description: string): Response {
  return Response.json({ error, error_description: description }, { status });
}

function parseForm(request: SandboxRequest): URLSearchParams {
  const type = request.headers.get('content-type') ?? '';
  if (type.includes('application/json')) {
    try {
      const json = JSON.parse(request.body) as Record<string, unknown>;
      return new URLSearchParams(Object.entries(json).map(([k, v]): [string, string] => [k, String(v)]));
    } catch {
      return new URLSearchParams();
    }
  }
  return new URLSearchParams(request.body);
}

function token(request: SandboxRequest, wallClock: () => number): Response {
  if (request.method !== 'POST') return oauthError(405, 'invalid_request', 'Method not allowed; use POST.');
  const form = parseForm(request);
  if (form.get('grant_type') !== JWT_BEARER) {
    return oauthError(400, 'unsupported_grant_type', `Invalid grant_type: ${form.get('grant_type') ?? ''}`);
  }
  const assertion = form.get('assertion') ?? '';
  const now = wallClock();
  const claims = verifyServiceAccountJwt(assertion, now);
  if (!claims) return oauthError(400, 'invalid_grant', 'Invalid JWT Signature.');
  const scopes = typeof claims['scope'] === 'string' ? claims['scope'].split(' ').filter(Boolean) : [];
  if (scopes.length === 0) return oauthError(400, 'invalid_scope', 'Invalid OAuth scope or ID token audience provided.');
  return Response.json({
    access_token: issueAccessToken(GOOGLE_SANDBOX_CLIENT_EMAIL, scopes, now),
    expires_in: ACCESS_TOKEN_SECONDS,
    token_type: 'Bearer',
  });
}

/** Options of the Google OAuth fake. */
export interface GoogleOAuthFakeOptions {
  /** Wall clock that token expiry runs on (default Date.now; tokens expire in real time, as google-auth-library expects). */
  wallClock?: () => number;
}

/** Builds the Google OAuth token endpoint fake. */
export function createGoogleOAuthFake(_context: VendorContext, options: GoogleOAuthFakeOptions = {}): VendorFake {
  const wallClock = options.wallClock ?? Date.now;
  return {
    name: 'google-oauth',
    prefix: 'google-oauth',
    credentials: { client_email: GOOGLE_SANDBOX_CLIENT_EMAIL, project_id: GOOGLE_SANDBOX_PROJECT },
    handle(request) {
      if (request.path !== '/token') return undefined;
      return Promise.resolve(token(request, wallClock));
    },
    renderFault(fault: InjectedFault) {
      return fault.kind === 'rate_limit'
        ? oauthError(429, 'rate_limit_exceeded', 'Rate limit exceeded.')
        : oauthError(503, 'temporarily_unavailable', 'The service is currently unavailable.');
    },
  };
}
