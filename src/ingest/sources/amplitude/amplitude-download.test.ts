import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../core/logger.js';
import { basicAuth } from '../../http/auth/static-auth.js';
import { createRateLimiter } from '../../http/rate-limiter.js';
import { openExport, type ExportClient } from './amplitude-download.js';

const HOUR = 3_600_000;
let server: Server;
let base = '';
const seen: string[] = [];
const hanging = new Set<ServerResponse>();

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    seen.push(`${url.searchParams.get('start')}..${url.searchParams.get('end')} ${req.headers.authorization ?? ''}`);
    const mode = url.pathname.split('/')[1];
    if (mode === 'slow') {
      // Ten chunks 40 ms apart: longer in all than the header timeout, never idle for long.
      res.writeHead(200, { 'content-type': 'application/zip', date: 'Wed, 01 Jan 2025 05:30:00 GMT' });
      let n = 0;
      const tick = setInterval(() => {
        res.write(Buffer.alloc(100, n));
        if (++n === 10) {
          clearInterval(tick);
          res.end();
        }
      }, 40);
    } else if (mode === 'none') {
      res.writeHead(404, { date: 'Wed, 01 Jan 2025 05:30:00 GMT' });
      res.end('Raw data files were not found.');
    } else if (mode === 'denied') {
      res.writeHead(401);
      res.end('Invalid API key');
    } else hanging.add(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const res of hanging) res.destroy();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const client = (mode: string): ExportClient => ({
  baseUrl: `${base}/${mode}`,
  auth: basicAuth('key', 'secret'),
  limiter: createRateLimiter({ requests: 100, intervalMs: 1000 }),
  retry: { maxAttempts: 2, maxElapsedMs: 10_000, baseDelayMs: 1, maxDelayMs: 2, maxRetryAfterMs: 1000 },
  timeoutMs: 150,
  idleTimeoutMs: 150,
  logger: silentLogger,
  fetch,
});
const signal = new AbortController().signal;
const from = Date.UTC(2025, 0, 1, 0);

describe('openExport', () => {
  it('asks for the hours [from, to) with basic auth and streams a body longer than the header timeout', async () => {
    const res = await openExport(client('slow'), from, from + 3 * HOUR, signal);
    expect(res.status).toBe(200);
    expect(res.serverNow).toBe(Date.UTC(2025, 0, 1, 5, 30));
    let bytes = 0;
    for await (const chunk of res.chunks ?? []) bytes += chunk.length;
    expect(bytes).toBe(1000);
    expect(seen.at(-1)).toBe(`20250101T00..20250101T02 Basic ${Buffer.from('key:secret').toString('base64')}`);
  });

  it('404 is "no data" with the server clock; 401 fails at once; no headers in time is a retried timeout', async () => {
    expect(await openExport(client('none'), from, from + HOUR, signal)).toMatchObject({ status: 404, serverNow: Date.UTC(2025, 0, 1, 5, 30) });
    const before = seen.length;
    await expect(openExport(client('denied'), from, from + HOUR, signal)).rejects.toMatchObject({ code: 'HTTP_STATUS', status: 401 });
    expect(seen.length - before).toBe(1);
    const again = seen.length;
    await expect(openExport(client('hang'), from, from + HOUR, signal)).rejects.toMatchObject({ code: 'HTTP_TIMEOUT', attempts: 2 });
    expect(seen.length - again).toBe(2);
  });
});
