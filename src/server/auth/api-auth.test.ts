import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../core/logger.js';
import { bearerToken, requiresToken } from './api-auth.js';
import { installServerAuth, type ServerAuth } from './server-auth.js';
import { tokenFilePath } from './token-file.js';
import { createToken, revokeToken } from './token-store.js';

describe('requiresToken', () => {
  it('guards every /api path but GET/HEAD /api/health, and nothing outside /api', () => {
    expect(requiresToken('GET', '/api/health', '/api/health')).toBe(false);
    expect(requiresToken('HEAD', '/api/health?x=1', '/api/health')).toBe(false);
    expect(requiresToken('POST', '/api/health', '/api/health')).toBe(true);
    expect(requiresToken('GET', '/api/runs?limit=5', '/api/runs')).toBe(true);
    expect(requiresToken('GET', '/api/nope', undefined)).toBe(true);
    expect(requiresToken('GET', '/api', undefined)).toBe(true);
    expect(requiresToken('GET', '/api?x', undefined)).toBe(true);
    // A raw path that reaches an /api route another way is still guarded.
    expect(requiresToken('GET', '/%61pi/runs', '/api/runs')).toBe(true);
    expect(requiresToken('GET', '/', '/')).toBe(false);
    expect(requiresToken('GET', '/catalog/model%3Ax', undefined)).toBe(false);
    expect(requiresToken('GET', '/apiary', undefined)).toBe(false);
  });

  it('reads only the Bearer form of Authorization', () => {
    expect(bearerToken('Bearer basin_abc')).toBe('basin_abc');
    expect(bearerToken('bearer basin_abc')).toBe('basin_abc');
    expect(bearerToken('Basic dXNlcjpwYXNz')).toBeUndefined();
    expect(bearerToken('Bearer')).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
  });
});

describe('the API auth hook', () => {
  let dir: string;
  let app: FastifyInstance;
  let auth: ServerAuth;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'basin-auth-'));
    app = Fastify({ logger: false });
    auth = installServerAuth(app, { projectDir: dir, logger: silentLogger });
    app.get('/api/health', async () => ({ status: 'ok' }));
    app.get('/api/runs', async () => ({ runs: [] }));
    app.post('/api/runs', async () => ({ run_id: 'r1' }));
    app.get('/', async (_req, reply) => reply.type('text/html').send('<div id="root"></div>'));
    app.setNotFoundHandler((request, reply) =>
      request.url.startsWith('/api') ? reply.code(404).send({ error: 'no route', code: 'NOT_FOUND' }) : reply.type('text/html').send('<div id="root"></div>'),
    );
    await app.ready();
  });
  afterEach(async () => {
    await app.close();
    await auth.close();
    await rm(dir, { recursive: true, force: true });
  });

  const get = (url: string, token?: string) => app.inject({ method: 'GET', url, headers: token ? { authorization: `Bearer ${token}` } : {} });

  it('answers 401 JSON without a token, with a bad one, and for unknown /api paths; health and pages stay open', async () => {
    const first = await auth.firstStart();
    expect(first?.info.name).toBe('default');
    for (const res of [await get('/api/runs'), await get('/api/runs', 'basin_not_a_real_token'), await get('/api/nope'), await app.inject({ method: 'POST', url: '/api/runs' })]) {
      expect(res.statusCode).toBe(401);
      expect(res.headers['content-type']).toMatch(/application\/json/);
      expect(res.headers['www-authenticate']).toContain('Bearer');
      const body = res.json<{ error: string; code: string }>();
      expect(body.code).toBe('UNAUTHORIZED');
      expect(body.error).not.toContain('basin_not_a_real_token');
    }
    expect((await get('/api/health')).statusCode).toBe(200);
    expect((await get('/')).statusCode).toBe(200);
    expect((await get('/runs/some-id')).statusCode).toBe(200);
    expect((await get('/api/runs', first!.token)).json()).toEqual({ runs: [] });
    expect((await get('/api/nope', first!.token)).statusCode).toBe(404);
    expect((await get('/api/runs', auth.localToken)).statusCode).toBe(200);
  });

  it('sees tokens created and revoked in the file without a restart', async () => {
    const file = tokenFilePath(dir);
    const made = await createToken(file, 'ci');
    expect((await get('/api/runs', made.token)).statusCode).toBe(200);
    await revokeToken(file, 'ci');
    const revoked = await get('/api/runs', made.token);
    expect(revoked.statusCode).toBe(401);
    expect(revoked.json()).toMatchObject({ code: 'UNAUTHORIZED' });
    // The process's own token does not depend on the file.
    expect((await get('/api/runs', auth.localToken)).statusCode).toBe(200);
  });

  it('makes the first token only once', async () => {
    expect(await auth.firstStart()).toBeDefined();
    expect(await auth.firstStart()).toBeUndefined();
  });
});
