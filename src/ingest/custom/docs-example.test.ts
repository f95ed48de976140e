import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../core/errors.js';
import { silentLogger } from '../../core/logger.js';
import { loadConnections } from '../../config/sources-file.js';
import { redactedConfig } from '../../config/connection-redaction.js';
import { validateConnectionConfig } from '../../config/connection-validation.js';
import type { RecordBatch, Source, Stream } from '../source.js';
import { loadCustomSource } from './load-custom-source.js';

/**
 * docs/sources/custom.md's connection file and worked example, run as written
 * against a local paginated JSON API, so the guide cannot rot.
 */
const docPath = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../docs/sources/custom.md');
const TOKEN = 'bt_live_do_not_print';
const never = new AbortController().signal;

function block(markdown: string, after: string, lang: string): string {
  const start = markdown.indexOf(after);
  if (start < 0) throw new Error(`marker not found: ${after}`);
  const open = markdown.indexOf('```' + lang + '\n', start);
  const close = markdown.indexOf('\n```', open + 4 + lang.length);
  return markdown.slice(open + 4 + lang.length, close + 1);
}

interface Invoice { id: string; updated_at: string; amount_cents: number; lines: Array<{ sku: string; quantity: number }> }
const invoices: Invoice[] = Array.from({ length: 7 }, (_, i) => ({
  id: `in_${i}`,
  updated_at: new Date(Date.UTC(2025, 0, 1, 0, i)).toISOString(),
  amount_cents: 100 * i,
  lines: [{ sku: `sku_${i}`, quantity: 1 }],
}));

let server: Server;
let baseUrl = '';
const requests: string[] = [];
beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    requests.push(url.pathname + url.search);
    if (req.headers.authorization !== `Bearer ${TOKEN}`) {
      res.writeHead(401).end();
      return;
    }
    if (url.pathname === '/api/me') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      return;
    }
    const since = url.searchParams.get('updated_since') ?? '';
    const limit = Number(url.searchParams.get('limit'));
    const from = Number(url.searchParams.get('cursor') ?? 0);
    const matching = invoices.filter((i) => i.updated_at >= since);
    const data = matching.slice(from, from + limit);
    const next = from + limit < matching.length ? String(from + limit) : null;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data, next_cursor: next }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

let dir = '';
beforeAll(async () => {
  const markdown = await readFile(docPath, 'utf8');
  dir = await mkdtemp(path.join(tmpdir(), 'basin-docs-'));
  await mkdir(path.join(dir, 'sources'));
  const yml = block(markdown, '## The connection file', 'yaml')
    .replace('https://billing.internal.example.com/api', baseUrl)
    .replace('page_size: 100', 'page_size: 3');
  await writeFile(path.join(dir, 'sources/billing.yml'), yml);
  await writeFile(path.join(dir, 'sources/billing_api.ts'), block(markdown, '<!-- worked-example', 'ts'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function open(env: Record<string, string>): Promise<Source> {
  const [billing] = await loadConnections({ rootDir: dir, env });
  if (!billing) throw new Error('no connection');
  const factory = await loadCustomSource(billing, { projectDir: dir, logger: silentLogger });
  const config = validateConnectionConfig(billing, factory.configSchema);
  return factory.create(config, { projectDir: dir, connection: billing.name, streams: billing.streams, logger: silentLogger });
}

async function read(stream: Stream, state?: Record<string, unknown>): Promise<RecordBatch[]> {
  const out: RecordBatch[] = [];
  for await (const b of stream.read({ state, fullRefresh: false, signal: never, logger: silentLogger })) out.push(b);
  return out;
}
const ids = (bs: RecordBatch[]) => bs.flatMap((b) => (b.kind === 'records' ? b.records.map((r) => r.id) : []));

describe('docs/sources/custom.md worked example', () => {
  it('reads a paginated API page by page, checkpointing, and resumes', async () => {
    const [billing] = await loadConnections({ rootDir: dir, env: { BILLING_TOKEN: TOKEN } });
    expect(billing).toMatchObject({ name: 'billing', type: 'custom', schema: 'billing', audience: 'finance', schedule: '*/30 * * * *' });
    expect(redactedConfig(billing!)).toEqual({ base_url: baseUrl, token: '***', page_size: 3 });

    const source = await open({ BILLING_TOKEN: TOKEN });
    expect(await source.check(never)).toEqual({ ok: true, message: `reachable: ${new URL(baseUrl).host}` });
    const [stream] = (await source.streams(never)) as [Stream];
    expect(stream.definition).toMatchObject({ name: 'invoices', primaryKey: ['id'], cursorField: 'updated_at', write: 'merge' });

    const first = await read(stream);
    expect(first.map((b) => (b.kind === 'records' ? b.records.length : -1))).toEqual([3, 3, 1]);
    expect(ids(first)).toEqual(invoices.map((i) => i.id));
    const after = first[0];
    if (after?.kind !== 'records') throw new Error('records expected');
    // an interrupted sweep resumes at its saved cursor
    expect(ids(await read(stream, after.state))).toEqual(invoices.slice(3).map((i) => i.id));
    // the next sweep starts at the newest updated_at minus the 10-minute lookback
    const last = first[2];
    if (last?.kind !== 'records') throw new Error('records expected');
    expect(last.state).toEqual({ max_updated_at: invoices[6]?.updated_at });
    expect(ids(await read(stream, last.state))).toEqual(invoices.map((i) => i.id));
  });

  it('fails its check with a bad token, without printing it', async () => {
    const source = await open({ BILLING_TOKEN: 'wrong-token-value' });
    const result = await source.check(never);
    expect(result).toEqual({ ok: false, message: 'GET /me answered 401' });
  });

  it('gives the errors the guide quotes', async () => {
    const yml = await readFile(path.join(dir, 'sources/billing.yml'), 'utf8');
    const failing = async (text: string, env: Record<string, string>): Promise<string> => {
      await writeFile(path.join(dir, 'sources/billing.yml'), text);
      try {
        await open(env);
      } catch (err) {
        if (err instanceof ConfigError) return err.message;
        throw err;
      } finally {
        await writeFile(path.join(dir, 'sources/billing.yml'), yml);
      }
      throw new Error('expected a ConfigError');
    };
    const markdown = await readFile(docPath, 'utf8');
    const quoted = (prefix: string) => markdown.match(new RegExp('`(' + prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + '[^`]*)`'))?.[1];

    const badUrl = await failing(yml.replace(baseUrl, 'not-a-url'), { BILLING_TOKEN: TOKEN });
    expect(badUrl).toBe(quoted('sources/billing.yml:6: config.base_url'));
    const unknown = await failing(`${yml}stream: [x]\n`, { BILLING_TOKEN: TOKEN });
    expect(unknown.startsWith(quoted('sources/billing.yml:17: stream')!.replace(/, \.\.\.$/, ''))).toBe(true);
    const missing = await failing(yml, {});
    expect(missing.startsWith(quoted('sources/billing.yml:7: config.token')!.replace(/ \(\.\.\.\)$/, ''))).toBe(true);
    for (const m of [badUrl, unknown, missing]) expect(m).not.toContain(TOKEN);
  });
});
