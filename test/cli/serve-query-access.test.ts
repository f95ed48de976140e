import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runServe, type ServeOptions } from '../../src/cli/commands/serve.js';
import { silentLogger } from '../../src/core/logger.js';
import { tempDir, writeFiles } from '../support/cli-harness.js';
import { api, serverIo } from '../support/serve-process.js';

const project = { 'basin.yml': 'name: access\nwarehouse:\n  type: duckdb\n  path: wh.duckdb\n' };

/** `basin serve` (in process) on an empty project, and a file with a secret in another folder. */
async function withServer(options: Partial<ServeOptions>, fn: (base: string, outside: string) => Promise<void>): Promise<void> {
  const { dir, cleanup } = await tempDir();
  const other = await tempDir('basin-outside-');
  await writeFiles(dir, project);
  // A file outside the project, as a server's home might hold (.env, keys).
  const outside = path.join(other.dir, 'credentials.csv');
  await writeFile(outside, 'name,secret\nstripe,sk_live_outside_project_1234\n');
  const { io, url } = serverIo(dir);
  const controller = new AbortController();
  const served = runServe({ project: dir, port: '0', ...options }, io, silentLogger, controller.signal);
  try {
    await fn(await url(), outside);
  } finally {
    controller.abort();
    expect(await served).toBe(0);
    await cleanup();
    await other.cleanup();
  }
}

describe('POST /api/query and files on the server', () => {
  it('refuses to read a file outside the project (403 EXTERNAL_ACCESS), and still runs ordinary queries', async () => {
    await withServer({}, async (base, outside) => {
      for (const sql of [`select * from read_csv('${outside}')`, `select * from '${outside}'`, `with c as (from read_csv_auto('${outside}')) select secret from c`, `select * from glob('${path.dirname(outside)}/*')`]) {
        const res = await api<{ error: string; code: string }>(base, '/api/query', { sql });
        expect(res.status, sql).toBe(403);
        expect(res.body.code).toBe('EXTERNAL_ACCESS');
        expect(res.body.error).toContain('--allow-file-access');
        expect(JSON.stringify(res.body)).not.toContain('sk_live_outside_project');
      }
      expect(await api(base, '/api/query', { sql: 'select 40 + 2 as answer, count(*) as n from range(3)' })).toMatchObject({ status: 200, body: { rows: [{ answer: 42, n: 3 }] } });
      expect(await api(base, '/api/query', { sql: "select count(*) > 0 as ok from information_schema.schemata where schema_name = 'main'" })).toMatchObject({ status: 200, body: { rows: [{ ok: true }] } });
      expect(await api(base, '/api/query', { sql: 'create table t as select 1' })).toMatchObject({ status: 403, body: { code: 'READ_ONLY' } });
    });
  }, 60_000);

  it('reads the file when the server was started with --allow-file-access, and still refuses writes', async () => {
    await withServer({ allowFileAccess: true }, async (base, outside) => {
      expect(await api(base, '/api/query', { sql: `select name from read_csv('${outside}')` })).toMatchObject({ status: 200, body: { rows: [{ name: 'stripe' }] } });
      expect(await api(base, '/api/query', { sql: 'create table t as select 1' })).toMatchObject({ status: 403, body: { code: 'READ_ONLY' } });
    });
  }, 60_000);
});
