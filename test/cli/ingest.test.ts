import { afterAll, describe, expect, it } from 'vitest';
import { basin, postgresWarehouseYaml, tempDir, uniqueSchema, writeFiles, queryRows } from '../support/cli-harness.js';
import { dropSchemas } from '../support/postgres.js';

const pgPrefix = uniqueSchema('basin_ing');
afterAll(() => dropSchemas(pgPrefix));

function charges(from: number, to: number, amountFactor = 100): string {
  const lines: string[] = [];
  for (let i = from; i <= to; i++) {
    lines.push(
      JSON.stringify({
        id: `ch_${i}`,
        amount: i * amountFactor,
        customer: { id: `cus_${i % 5}`, metadata: { plan: i % 2 ? 'pro' : 'free' } },
        items: i % 2 ? [{ sku: 'a', qty: 1 }, { sku: 'b', qty: 2 }] : [{ sku: 'a', qty: 3 }],
      }),
    );
  }
  return `${lines.join('\n')}\n`;
}


const warehouses: Array<[string, string]> = [
  ['duckdb', 'warehouse:\n  type: duckdb\n  path: wh.duckdb\n'],
  ['postgres', postgresWarehouseYaml(`${pgPrefix}_main`)],
];

describe.each(warehouses)('basin ingest with a files connection on %s', (_name, warehouseYaml) => {
  it('loads JSONL with nested objects and arrays, merges on the key, keeps rejects and loads only changed files', async () => {
    const { dir, cleanup } = await tempDir();
    const schema = `${pgPrefix}_landing_${_name}`;
    try {
      await writeFiles(dir, {
        'basin.yml': `name: ing\n${warehouseYaml}`,
        'sources/landing.yml': `type: files\nschema: ${schema}\naudience: finance\nstreams:\n  charges:\n    path: data/charges.jsonl\n    format: jsonl\n    primary_key: [id]\n    write: merge\n`,
        'data/charges.jsonl': `${charges(1, 20)}{"id": "broken"\n`,
      });
      const first = await basin(['ingest', '--project', dir, '--json']);
      expect(first.code, first.stderr).toBe(0);
      const summary = JSON.parse(first.stdout) as { streams: Array<{ status: string; summary: { rows: number; childRows: number; rejected: number } }> };
      expect(summary.streams[0]?.status).toBe('succeeded');
      expect(summary.streams[0]?.summary).toMatchObject({ rows: 20, childRows: 30, rejected: 1 });
      expect(await queryRows(dir, `select count(*) as n, sum(amount) as s from ${schema}.charges`)).toEqual([{ n: 20, s: 21000 }]);
      expect(await queryRows(dir, `select count(*) as n from ${schema}.charges where customer__metadata__plan = 'pro'`)).toEqual([{ n: 10 }]);
      expect(await queryRows(dir, `select count(*) as n from ${schema}.charges__items`)).toEqual([{ n: 30 }]);
      expect(await queryRows(dir, `select count(*) as n from ${schema}._basin_rejects`)).toEqual([{ n: 1 }]);

      // Unchanged file: nothing to load.
      const again = await basin(['ingest', '--project', dir, '--json']);
      expect((JSON.parse(again.stdout) as { streams: Array<{ summary: { rows: number } }> }).streams[0]?.summary.rows).toBe(0);

      // Changed file: new and updated charges merge on the key; children of merged parents are replaced.
      await writeFiles(dir, { 'data/charges.jsonl': charges(11, 30, 1000) });
      const third = await basin(['ingest', 'landing', '--project', dir]);
      expect(third.code, third.stderr).toBe(0);
      expect(await queryRows(dir, `select count(*) as n from ${schema}.charges`)).toEqual([{ n: 30 }]);
      expect(await queryRows(dir, `select amount from ${schema}.charges where id = 'ch_11'`)).toEqual([{ amount: 11000 }]);
      expect(await queryRows(dir, `select count(*) as n from ${schema}.charges__items`)).toEqual([{ n: 45 }]);
    } finally {
      await cleanup();
    }
  });
});

describe('basin sources', () => {
  it('checks connections and lists them with secrets redacted', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      await writeFiles(dir, {
        'basin.yml': 'name: src\n',
        'sources/landing.yml': 'type: files\nstreams:\n  a:\n    path: data/a.csv\n',
        'sources/missing.yml': 'type: files\nstreams:\n  b:\n    path: data/nothing-*.csv\n',
        'sources/db.yml': 'type: postgres\nconfig:\n  host: 127.0.0.1\n  port: 5432\n  user: postgres\n  password: ${env:BASIN_TEST_SECRET_PW:-hunter2-secret}\n  database: postgres\n',
        'data/a.csv': 'id,name\n1,x\n',
      });
      const check = await basin(['sources', 'check', '--project', dir, '--json']);
      const results = JSON.parse(check.stdout) as Array<{ connection: string; ok: boolean; message: string }>;
      expect(results.find((r) => r.connection === 'landing')?.ok).toBe(true);
      expect(results.find((r) => r.connection === 'missing')?.ok).toBe(false);
      expect(results.find((r) => r.connection === 'db')?.ok).toBe(true);
      expect(check.code).toBe(1);
      const ls = await basin(['sources', 'ls', '--project', dir, '--json']);
      expect(ls.stdout).not.toContain('hunter2-secret');
      expect(check.stdout + check.stderr).not.toContain('hunter2-secret');
    } finally {
      await cleanup();
    }
  });

  it('an unknown source type is a configuration error naming the file', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      await writeFiles(dir, { 'basin.yml': 'name: src\n', 'sources/x.yml': 'type: nosuch\n' });
      const run = await basin(['ingest', '--project', dir]);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/sources\/x\.yml.*unknown source type 'nosuch'/);
    } finally {
      await cleanup();
    }
  });
});
