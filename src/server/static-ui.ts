/**
 * Serves the web UI's static files (dist/ui, built by scripts/build-ui.mjs)
 * on the API's port: hashed assets under /assets/ cached for good,
 * index.html never cached, and any other GET that is not under /api/ and
 * not a file answered with index.html (the UI routes in the browser).
 * Unknown /api/ paths stay JSON 404s. Without a build, non-API GETs get a
 * short page saying how to build the UI.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Options of `registerStaticUi`. */
export interface StaticUiOptions {
  /** The built UI folder (with index.html and assets/). */
  root: string;
}

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>Basin</title>
<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;line-height:1.5">
<h1>Basin's web UI is not built</h1>
<p>Build it with <code>npm run build:ui</code> (or <code>node scripts/build-ui.mjs</code>) in Basin's folder, then reload. The API is under <code>/api/</code>.</p>`;

function isApi(url: string): boolean {
  return url === '/api' || url.startsWith('/api/') || url.startsWith('/api?');
}

/** True when the request is a browser navigation or asset fetch the SPA should answer. */
function wantsPage(request: FastifyRequest): boolean {
  return (request.method === 'GET' || request.method === 'HEAD') && !isApi(request.url);
}

/** Registers the UI's files and the not-found handler (JSON for /api/, index.html for the rest). */
export async function registerStaticUi(app: FastifyInstance, options: StaticUiOptions): Promise<void> {
  const built = existsSync(path.join(options.root, 'index.html'));
  if (built) {
    await app.register(fastifyStatic, {
      root: options.root,
      prefix: '/',
      index: false,
      cacheControl: false,
      setHeaders: (res, file) => {
        const immutable = file.includes(`${path.sep}assets${path.sep}`);
        res.setHeader('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
    app.get('/', (_request, reply) => sendIndex(reply));
  }
  app.setNotFoundHandler((request, reply) => {
    if (!wantsPage(request)) return reply.code(404).send({ error: `no route ${request.method} ${request.url.split('?')[0]}`, code: 'NOT_FOUND' });
    // A missing hashed asset is a real 404, not the page (a stale index.html would loop otherwise).
    if (request.url.startsWith('/assets/')) return reply.code(404).type('text/plain').send('not found');
    if (!built) return reply.code(503).type('text/html; charset=utf-8').send(NOT_BUILT);
    return sendIndex(reply);
  });
}

function sendIndex(reply: FastifyReply): FastifyReply {
  return reply.header('cache-control', 'no-cache').sendFile('index.html');
}
