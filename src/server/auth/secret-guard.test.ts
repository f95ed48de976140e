import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { registerSecretGuard, secretForms } from './secret-guard.js';

const SECRET = 'sk_live_guard_"quoted"_42';

describe('the secret guard', () => {
  it('knows the JSON-escaped form of a secret', () => {
    expect(secretForms([SECRET])).toEqual([SECRET, 'sk_live_guard_\\"quoted\\"_42']);
  });

  it('scrubs secrets from /api/ bodies and errors, leaves other paths alone', async () => {
    const app = Fastify({ logger: false });
    registerSecretGuard(app, [SECRET, 'plainsecret99']);
    app.get('/api/rows', async () => ({ rows: [{ content: `KEY=${SECRET}\nOTHER=plainsecret99` }] }));
    app.get('/api/fail', async (_req, reply) => reply.code(400).send({ error: `cannot cast 'plainsecret99' to INTEGER`, code: 'WAREHOUSE' }));
    app.get('/page', async (_req, reply) => reply.type('text/plain').send('plainsecret99'));
    const rows = await app.inject({ method: 'GET', url: '/api/rows' });
    expect(rows.body).not.toContain('plainsecret99');
    expect(rows.body).not.toContain('quoted');
    expect(rows.json()).toEqual({ rows: [{ content: 'KEY=***\nOTHER=***' }] });
    expect((await app.inject({ method: 'GET', url: '/api/fail' })).json()).toEqual({ error: "cannot cast '***' to INTEGER", code: 'WAREHOUSE' });
    expect((await app.inject({ method: 'GET', url: '/page' })).body).toBe('plainsecret99');
    await app.close();
  });
});
