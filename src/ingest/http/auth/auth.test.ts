import { createVerify, generateKeyPairSync } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpClient } from '../http-client.js';
import { startFaultServer, type FaultServer } from '../test-support/fault-server.js';
import { googleServiceAccount } from './google-service-account.js';
import { oauth2ClientCredentials } from './oauth2-client-credentials.js';
import { apiKeyAuth, basicAuth, bearerAuth } from './static-auth.js';

let server: FaultServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const target = () => ({ headers: {} as Record<string, string>, url: new URL('https://api.example.com/v1/x') });
const never = new AbortController().signal;

describe('static auth', () => {
  it('sets bearer, basic and API key credentials', async () => {
    const t = target();
    await bearerAuth('tok').apply(t, never);
    expect(t.headers['authorization']).toBe('Bearer tok');
    await basicAuth('sk_test', '').apply(t, never);
    expect(t.headers['authorization']).toBe(`Basic ${Buffer.from('sk_test:').toString('base64')}`);
    await apiKeyAuth({ name: 'X-API-Key', value: 'k1', in: 'header' }).apply(t, never);
    expect(t.headers['x-api-key']).toBe('k1');
    const q = apiKeyAuth({ name: 'api_key', value: 'k2', in: 'query' });
    await q.apply(t, never);
    expect(t.url.searchParams.get('api_key')).toBe('k2');
    expect(q.secretParams).toEqual(['api_key']);
  });
});

describe('OAuth2 client credentials', () => {
  it('fetches, caches, refreshes before expiry and once after a 401', async () => {
    let issued = 0;
    let rejectNext = false;
    server = await startFaultServer({
      handler: (req) => {
        if (req.url.pathname === '/token') {
          const form = new URLSearchParams(req.body);
          expect(form.get('grant_type')).toBe('client_credentials');
          expect(form.get('scope')).toBe('read write');
          expect(req.headers.authorization).toBe(`Basic ${Buffer.from('cid:csecret').toString('base64')}`);
          issued++;
          return { body: { access_token: `t${issued}`, token_type: 'bearer', expires_in: 120 } };
        }
        if (rejectNext) {
          rejectNext = false;
          return { status: 401, body: { error: 'expired' } };
        }
        return { body: { auth: req.headers.authorization } };
      },
    });
    let now = 1_000_000;
    const auth = oauth2ClientCredentials({
      tokenUrl: `${server.url}/token`,
      clientId: 'cid',
      clientSecret: 'csecret',
      scopes: ['read', 'write'],
      now: () => now,
    });
    const client = createHttpClient({ baseUrl: server.url, auth });
    const [a, b] = await Promise.all([client.getJson({ url: '/a' }), client.getJson({ url: '/b' })]);
    expect(a).toEqual({ auth: 'Bearer t1' });
    expect(b).toEqual({ auth: 'Bearer t1' });
    expect(auth.tokenFetches()).toBe(1);
    now += 61_000; // within 60 s of the 120 s expiry: refresh ahead of time
    expect(await client.getJson({ url: '/c' })).toEqual({ auth: 'Bearer t2' });
    rejectNext = true;
    expect(await client.getJson({ url: '/d' })).toEqual({ auth: 'Bearer t3' });
    expect(auth.tokenFetches()).toBe(3);
  });

  it('sends client credentials in the body when asked, and fails clearly without a token', async () => {
    server = await startFaultServer({
      handler: (req) => {
        const form = new URLSearchParams(req.body);
        expect(form.get('client_id')).toBe('cid');
        expect(req.headers.authorization).toBeUndefined();
        return { body: { error: 'nope' } };
      },
    });
    const auth = oauth2ClientCredentials({ tokenUrl: `${server.url}/token`, clientId: 'cid', clientSecret: 's', clientAuth: 'body' });
    await expect(auth.apply(target(), never)).rejects.toMatchObject({ code: 'HTTP_RESPONSE' });
  });
});

describe('Google service account', () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const key = { client_email: 'basin@proj.iam.gserviceaccount.com', private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
  const verifyJwt = (jwt: string): Record<string, unknown> => {
    const [h, p, s] = jwt.split('.');
    const ok = createVerify('RSA-SHA256').update(`${h}.${p}`).verify(publicKey, Buffer.from(s!, 'base64url'));
    expect(ok).toBe(true);
    return JSON.parse(Buffer.from(p!, 'base64url').toString()) as Record<string, unknown>;
  };

  it('exchanges a signed assertion at the token endpoint (overridable) and sends the access token', async () => {
    const assertions: string[] = [];
    server = await startFaultServer({
      handler: (req) => {
        const form = new URLSearchParams(req.body);
        assertions.push(form.get('assertion') ?? '');
        expect(form.get('grant_type')).toBe('urn:ietf:params:oauth:grant-type:jwt-bearer');
        return { body: { access_token: `ya29.test${assertions.length}`, expires_in: 3600, token_type: 'Bearer' } };
      },
    });
    const auth = googleServiceAccount({ key, scopes: ['https://www.googleapis.com/auth/spreadsheets.readonly'], tokenUrl: `${server.url}/token` });
    const t = target();
    await auth.apply(t, never);
    expect(t.headers['authorization']).toBe('Bearer ya29.test1');
    await auth.apply(t, never);
    expect(assertions).toHaveLength(1);
    const claims = verifyJwt(assertions[0]!);
    expect(claims).toMatchObject({ iss: key.client_email, scope: 'https://www.googleapis.com/auth/spreadsheets.readonly' });
    await auth.refresh!(never);
    await auth.apply(t, never);
    expect(t.headers['authorization']).toBe('Bearer ya29.test2');
  });

  it('signs a self-signed JWT locally without any token endpoint', async () => {
    const auth = googleServiceAccount({ key, scopes: ['https://www.googleapis.com/auth/cloud-platform'], selfSignedJwt: true });
    const t = target();
    await auth.apply(t, never);
    const jwt = t.headers['authorization']!.replace(/^Bearer /, '');
    expect(verifyJwt(jwt)).toMatchObject({ iss: key.client_email, sub: key.client_email });
  });
});
