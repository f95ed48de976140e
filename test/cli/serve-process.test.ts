import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { basin, tempDir, uniqueSchema, writeFiles } from '../support/cli-harness.js';
import { api, startServeProcess, until } from '../support/serve-process.js';

const shop = {
  'basin.yml': 'name: held\nwarehouse:\n  type: duckdb\n  path: wh.duckdb\n',
  'sources/shop.yml': 'type: files\nschema: shop\nstreams:\n  orders:\n    path: data/orders.csv\n',
  'data/orders.csv': 'id,amount\n1,10\n2,20\n',
  'models/sources.yml': 'version: 2\nsources:\n  - name: shop\n    tables:\n      - name: orders\n',
  'models/total.sql': "select sum(cast(amount as integer)) as total from {{ source('shop', 'orders') }}\n",
};

describe('basin serve in its own process', () => {
  it('holds the DuckDB warehouse: pipeline and query go through it, other commands say what to do', async () => {
    const { dir, cleanup } = await tempDir();
    await writeFiles(dir, shop);
    const server = await startServeProcess(dir);
    try {
      expect(existsSync(path.join(dir, '.basin', 'server.json'))).toBe(true);
      const piped = await basin(['pipeline', '--project', dir, '--json'], dir);
      expect(piped.code, piped.stderr).toBe(0);
      const out = JSON.parse(piped.stdout) as { through_server: string; status: string; assets: Array<{ key: string; status: string }> };
      expect(out.through_server).toBe(server.url);
      expect(out.status).toBe('succeeded');
      expect(out.assets.map((a) => `${a.key}=${a.status}`).sort()).toEqual(['connection:shop=succeeded', 'model:total=succeeded', 'source:shop.orders=succeeded']);

      const q = await basin(['query', 'select total from total', '--project', dir, '--json'], dir);
      expect(q.code, q.stderr).toBe(0);
      expect(JSON.parse(q.stdout)).toEqual([{ total: 30 }]);

      const write = await basin(['query', 'drop table total', '--project', dir], dir);
      expect(write.code).toBe(2);
      expect(write.stderr).toContain('only SELECT statements');

      const bad = await basin(['pipeline', 'nope_no_such_model', '--project', dir], dir);
      expect(bad.code).toBe(2);

      const other = await basin(['run', '--project', dir], dir);
      expect(other.code).toBe(2);
      expect(other.stderr).toContain(`basin serve\` (pid ${server.pid}, ${server.url})`);
      expect(other.stderr).toContain('stop the server first');
    } finally {
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
    }
    expect(existsSync(path.join(dir, '.basin', 'server.json'))).toBe(false);
    const direct = await basin(['query', 'select total from total', '--project', dir, '--json'], dir);
    expect(JSON.parse(direct.stdout)).toEqual([{ total: 30 }]);
    await cleanup();
  }, 90_000);

  it('after kill -9 mid-run, a restart marks the run interrupted and its rerun completes without duplicates', async () => {
    // A paged API whose third page hangs until the test lets it go.
    let hang = true;
    let pagesAsked = 0;
    const held: ServerResponse[] = [];
    const apiServer = createServer((req: IncomingMessage, res: ServerResponse) => {
      const page = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('page') ?? '1');
      pagesAsked = Math.max(pagesAsked, page);
      if (page === 3 && hang) {
        held.push(res);
        return;
      }
      const items = page <= 4 ? Array.from({ length: 10 }, (_, i) => ({ id: (page - 1) * 10 + i + 1, name: `item ${page}-${i}` })) : [];
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ items }));
    });
    await new Promise<void>((resolve) => apiServer.listen(0, '127.0.0.1', resolve));
    const apiUrl = `http://127.0.0.1:${(apiServer.address() as AddressInfo).port}`;
    const { dir, cleanup } = await tempDir();
    await writeFiles(dir, {
      'basin.yml': 'name: crashy\nwarehouse:\n  type: duckdb\n  path: wh.duckdb\n',
      'sources/api.yml': [
        'type: rest',
        'schema: api',
        'config:',
        `  base_url: ${apiUrl}`,
        '  timeout: 60s',
        '  paginator: { type: page_number, size: 10 }',
        '  resources:',
        '    items: { path: /items, records: items, primary_key: [id], write: merge }',
        '',
      ].join('\n'),
      'models/sources.yml': 'version: 2\nsources:\n  - name: api\n    tables:\n      - name: items\n',
      'models/item_count.sql': "select count(*) as n from {{ source('api', 'items') }}\n",
    });
    try {
      const first = await startServeProcess(dir);
      const { body: started } = await api<{ run_id: string }>(first.url, '/api/runs', { select: ['source:api+'] });
      await until('page 3 to be asked', async () => (pagesAsked >= 3 ? true : undefined));
      expect((await api<{ status: string }>(first.url, `/api/runs/${started.run_id}`)).body.status).toBe('running');
      first.child.kill('SIGKILL');
      expect(await first.exited).toBe('SIGKILL');
      for (const res of held) res.destroy();
      hang = false;

      const second = await startServeProcess(dir);
      try {
        const crashed = (await api<{ status: string; error: { code: string } }>(second.url, `/api/runs/${started.run_id}`)).body;
        expect(crashed.status).toBe('interrupted');
        expect(crashed.error.code).toBe('INTERRUPTED');
        const rerun = await api<{ run_id: string; rerun_of: string }>(second.url, `/api/runs/${started.run_id}/rerun`, {});
        expect(rerun.status).toBe(202);
        const done = await until('the rerun', async () => {
          const run = (await api<{ status: string; trigger: string; assets: Array<{ asset: string; status: string }> }>(second.url, `/api/runs/${rerun.body.run_id}`)).body;
          return ['succeeded', 'failed'].includes(run.status) ? run : undefined;
        }, 60_000);
        expect(done.status).toBe('succeeded');
        expect(done.trigger).toBe('rerun');
        const counts = await api<{ rows: Array<{ n: number; ids: number }> }>(second.url, '/api/query', { sql: 'select count(*) as n, count(distinct id) as ids from api.items' });
        expect(counts.body.rows).toEqual([{ n: 40, ids: 40 }]);
        const model = await api<{ rows: unknown[] }>(second.url, '/api/query', { sql: 'select n from item_count' });
        expect(model.body, JSON.stringify(model.body)).toMatchObject({ rows: [{ n: 40 }] });
      } finally {
        second.child.kill('SIGTERM');
        await second.exited;
      }
    } finally {
      apiServer.closeAllConnections();
      apiServer.close();
      await cleanup();
    }
  }, 120_000);

  it('two servers on one Postgres run store run every tick exactly once between them', async () => {
    const { dir, cleanup } = await tempDir();
    const runs = uniqueSchema('two_servers_runs');
    const pg = 'host: 127.0.0.1, port: 5432, user: postgres, database: postgres';
    await writeFiles(dir, {
      'basin.yml': [
        'name: pair',
        `warehouse: { type: postgres, ${pg} }`,
        `schema: ${uniqueSchema('two_servers_wh')}`,
        `run_store: { type: postgres, ${pg}, schema: ${runs} }`,
        'jobs:',
        '  tick: { select: tick_model, schedule: "*/2 * * * * *" }',
        '',
      ].join('\n'),
      'models/tick_model.sql': 'select 1 as one\n',
    });
    const a = await startServeProcess(dir);
    const b = await startServeProcess(dir);
    let runsSeen: Array<{ scheduled_for: string; status: string }>;
    try {
      await new Promise((r) => setTimeout(r, 14_000));
      runsSeen = (await api<{ runs: Array<{ scheduled_for: string; status: string }> }>(a.url, '/api/runs?job=tick&limit=500')).body.runs;
    } finally {
      a.child.kill('SIGTERM');
      b.child.kill('SIGTERM');
      expect([await a.exited, await b.exited]).toEqual([0, 0]);
      await cleanup();
    }
    // Every tick since the later server started is claimed once (the unique claim), none is missed, and they ran.
    const ticks = runsSeen.map((r) => r.scheduled_for).sort();
    expect(ticks.length).toBeGreaterThanOrEqual(5);
    expect(new Set(ticks).size).toBe(ticks.length);
    for (let i = 1; i < ticks.length; i++) expect(Date.parse(ticks[i]!) - Date.parse(ticks[i - 1]!)).toBe(2000);
    expect(runsSeen.filter((r) => r.status === 'succeeded').length).toBeGreaterThanOrEqual(ticks.length - 1);
  }, 90_000);
});
