import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { googleServiceAccount } from '../../ingest/http/auth/google-service-account.js';
import { startSandbox, type Sandbox } from '../start-sandbox.js';
import type { SandboxRequest, VendorContext, VendorFake } from '../vendor-fake.js';
import { GoogleApiError, googleErrorResponse } from './google-errors.js';
import { createGoogleOAuthFake } from './google-oauth-fake.js';
import { authorizeGoogleRequest, issueAccessToken } from './google-tokens.js';
import { GOOGLE_SANDBOX_CLIENT_EMAIL, sandboxServiceAccountKey } from './sandbox-service-account.js';

const SCOPE = 'https://www.googleapis.com/auth/spreadsheets.readonly';

/** A minimal Google-authenticated API for the test: `GET /whoami` answers the grant. */
function whoami(_context: VendorContext): VendorFake {
  return {
    name: 'whoami',
    prefix: 'whoami',
    credentials: {},
    handle(request: SandboxRequest) {
      try {
        return Promise.resolve(Response.json(authorizeGoogleRequest(request.headers, [SCOPE])));
      } catch (err) {
        return Promise.resolve(googleErrorResponse(err as GoogleApiError));
      }
    },
    renderFault: () => new Response('', { status: 503 }),
  };
}

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ vendors: [(c) => createGoogleOAuthFake(c), whoami] });
});
afterAll(async () => {
  await sandbox.close();
});

describe('google oauth fake', () => {
  it('exchanges a signed assertion for an access token through google-auth-library', async () => {
    const key = sandboxServiceAccountKey(sandbox.baseUrl('google-oauth'));
    const auth = googleServiceAccount({ key, scopes: [SCOPE] });
    const target = { headers: {} as Record<string, string>, url: new URL(`${sandbox.baseUrl('whoami')}/whoami`) };
    await auth.apply(target, new AbortController().signal);
    expect(target.headers['authorization']).toMatch(/^Bearer ya29\.sandbox\./);
    const res = await fetch(target.url, { headers: target.headers });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ principal: GOOGLE_SANDBOX_CLIENT_EMAIL, scopes: [SCOPE] });
  });

  it('accepts a self-signed JWT, as Google Cloud client libraries send', async () => {
    const key = sandboxServiceAccountKey(sandbox.baseUrl('google-oauth'));
    const auth = googleServiceAccount({ key, scopes: [SCOPE], selfSignedJwt: true });
    const target = { headers: {} as Record<string, string>, url: new URL(`${sandbox.baseUrl('whoami')}/whoami`) };
    await auth.apply(target, new AbortController().signal);
    const res = await fetch(target.url, { headers: target.headers });
    expect(res.status).toBe(200);
  });

  it('refuses assertions signed by another key', async () => {
    const { generateKeyPairSync } = await import('node:crypto');
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const key = { ...sandboxServiceAccountKey(sandbox.baseUrl('google-oauth')), private_key: other };
    const auth = googleServiceAccount({ key, scopes: [SCOPE] });
    const target = { headers: {} as Record<string, string>, url: new URL(`${sandbox.baseUrl('whoami')}/whoami`) };
    await expect(auth.apply(target, new AbortController().signal)).rejects.toThrow(/invalid_grant/);
  });

  it('answers 401 in Google format without a credential, and 403 for a token without the scope', async () => {
    const url = `${sandbox.baseUrl('whoami')}/whoami`;
    const none = await fetch(url);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toContain('Bearer');
    expect(((await none.json()) as { error: { status: string } }).error.status).toBe('UNAUTHENTICATED');
    const forged = await fetch(url, { headers: { authorization: 'Bearer ya29.sandbox.eyJ9.bad' } });
    expect(forged.status).toBe(401);
    const token = issueAccessToken(GOOGLE_SANDBOX_CLIENT_EMAIL, ['https://www.googleapis.com/auth/logging.read'], Date.now());
    const scoped = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    expect(scoped.status).toBe(403);
    expect(((await scoped.json()) as { error: { status: string } }).error.status).toBe('PERMISSION_DENIED');
    const expired = issueAccessToken(GOOGLE_SANDBOX_CLIENT_EMAIL, [SCOPE], Date.now() - 2 * 3600_000);
    expect((await fetch(url, { headers: { authorization: `Bearer ${expired}` } })).status).toBe(401);
  });

  it('rejects other grant types as the token endpoint does', async () => {
    const res = await fetch(`${sandbox.baseUrl('google-oauth')}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'unsupported_grant_type' });
  });
});

describe('google error format', () => {
  it('maps HTTP codes to canonical status names', () => {
    expect(new GoogleApiError(429, 'x').status).toBe('RESOURCE_EXHAUSTED');
    expect(new GoogleApiError(404, 'x').status).toBe('NOT_FOUND');
  });
});

describe('sandbox environment', () => {
  it('names each vendor base URL and credential, and a Google key file whose token endpoint is the sandbox', () => {
    const env = sandbox.environment();
    expect(env['GOOGLE_OAUTH_BASE_URL']).toBe(sandbox.baseUrl('google-oauth'));
    expect(env['WHOAMI_BASE_URL']).toBe(sandbox.baseUrl('whoami'));
    const key = JSON.parse(env['GOOGLE_SERVICE_ACCOUNT_JSON']!) as { token_uri: string; client_email: string };
    expect(key).toMatchObject({ token_uri: `${sandbox.baseUrl('google-oauth')}/token`, client_email: GOOGLE_SANDBOX_CLIENT_EMAIL });
  });
});
