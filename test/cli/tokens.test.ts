import { execFile } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { basin, REPO_ROOT, tempDir, writeFiles } from '../support/cli-harness.js';
import { startServeProcess } from '../support/serve-process.js';

const run = promisify(execFile);
const ENV = { ...process.env, GUARDED_SECRET: 'sk_guarded_42' };

const shop = {
  'basin.yml': 'name: guarded\nwarehouse:\n  type: duckdb\n  path: wh.duckdb\n',
  'sources/shop.yml': 'type: files\nschema: shop\nconfig:\n  note: ${env:GUARDED_SECRET}\nstreams:\n  orders:\n    path: data/orders.csv\n',
  'data/orders.csv': 'id,amount\n1,10\n2,20\n',
  'data/leak.env': 'GUARDED_SECRET=sk_guarded_42\n',
};

/** `basin <args>` through the built binary, as a user runs it. */
async function cli(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [path.join(REPO_ROOT, 'bin', 'basin.js'), ...args], { cwd, env: ENV });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

async function call(base: string, pathname: string, token?: string, method = 'GET'): Promise<{ status: number; body: Record<string, unknown>; type: string }> {
  const res = await fetch(`${base}${pathname}`, { method, headers: token ? { authorization: `Bearer ${token}` } : {} });
  const type = res.headers.get('content-type') ?? '';
  return { status: res.status, type, body: type.includes('json') ? ((await res.json()) as Record<string, unknown>) : { text: await res.text() } };
}

const TOKEN_LINE = /API token \(shown once\): (basin_[A-Za-z0-9_-]{43})\n/g;

describe('API tokens', () => {
  it('first start prints one token that works; tokens create/list/revoke act on a running server; secrets and tokens stay out of files and output', async () => {
    const { dir, cleanup } = await tempDir();
    await writeFiles(dir, shop);
    const tokenFile = path.join(dir, '.basin', 'tokens.json');
    expect((await cli(['tokens', 'list', '--project', dir], dir)).stdout).toContain('No API tokens');

    // File access on, so the scrubbing of a secret read back through SQL is what is tested (by default such a query is refused).
    const server = await startServeProcess(dir, ['--allow-file-access'], 30_000, ENV);
    let firstToken = '';
    const seen: string[] = [];
    try {
      const printed = [...server.stdout().matchAll(TOKEN_LINE)].map((m) => m[1]!);
      expect(printed).toHaveLength(1);
      firstToken = printed[0]!;
      seen.push(firstToken, server.token);

      // Without, with a bad, with a good token; health and the UI's pages open.
      for (const res of [await call(server.url, '/api/runs'), await call(server.url, '/api/runs', `${firstToken}x`), await call(server.url, '/api/jobs/x/run', undefined, 'POST')]) {
        expect(res.status).toBe(401);
        expect(res.type).toMatch(/application\/json/);
        expect(res.body).toEqual({ error: expect.any(String), code: 'UNAUTHORIZED' });
      }
      expect((await call(server.url, '/api/health')).status).toBe(200);
      const page = await call(server.url, '/catalog');
      expect(page.status).not.toBe(401);
      expect(page.type).toMatch(/text\/html/);
      expect((await call(server.url, '/api/runs', firstToken)).status).toBe(200);
      // A secret read back through SQL (a file holding it) leaves the API scrubbed.
      const leak = await fetch(`${server.url}/api/query`, {
        method: 'POST',
        headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ sql: `select content from read_text('${path.join(dir, 'data', 'leak.env')}')` }),
      });
      const leakText = await leak.text();
      expect(leak.status, leakText).toBe(200);
      expect(leakText).not.toContain('sk_guarded_42');
      expect(leakText).toContain('GUARDED_SECRET=***');
      const assets = await call(server.url, '/api/assets', server.token);
      expect(assets.status).toBe(200);
      expect(JSON.stringify(assets.body)).not.toContain('sk_guarded_42');

      // More tokens through the CLI, seen by the running server without a restart.
      const created = await cli(['tokens', 'create', '--name', 'ci', '--project', dir, '--json'], dir);
      expect(created.code, created.stderr).toBe(0);
      const ci = JSON.parse(created.stdout) as { id: string; name: string; token: string };
      seen.push(ci.token);
      expect(ci).toMatchObject({ name: 'ci', token: expect.stringMatching(/^basin_/) });
      expect((await call(server.url, '/api/jobs', ci.token)).status).toBe(200);

      const listed = await cli(['tokens', 'list', '--project', dir], dir);
      expect(listed.stdout).toMatch(/^ID\s+NAME\s+CREATED\s+LAST USED\s+REVOKED/);
      expect(listed.stdout).toContain('default');
      expect(listed.stdout).toContain(ci.id);
      expect(listed.stdout).not.toContain('local-cli');

      const revoked = await cli(['tokens', 'revoke', 'ci', '--project', dir], dir);
      expect(revoked.code, revoked.stderr).toBe(0);
      expect(revoked.stdout).toContain(`Revoked token ${ci.id} (ci)`);
      expect(await call(server.url, '/api/jobs', ci.token)).toMatchObject({ status: 401, body: { code: 'UNAUTHORIZED' } });
      expect((await cli(['tokens', 'revoke', 'ci', '--project', dir], dir)).code).toBe(2);

      // The CLI goes through the server with the server's own token.
      const q = await cli(['query', 'select 1 as one', '--project', dir, '--json'], dir);
      expect(q.code, q.stderr).toBe(0);
      expect(JSON.parse(q.stdout)).toEqual([{ one: 1 }]);

      expect((await stat(path.join(dir, '.basin', 'server.json'))).mode & 0o777).toBe(0o600);
    } finally {
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
    }
    const oldLocal = server.token;

    // Later starts print no token; the process's token dies with it, stored tokens live on.
    const again = await startServeProcess(dir, [], 30_000, ENV);
    try {
      expect(again.stdout()).not.toMatch(/API token/);
      expect(again.token).not.toBe(oldLocal);
      expect((await call(again.url, '/api/runs', oldLocal)).status).toBe(401);
      expect((await call(again.url, '/api/runs', firstToken)).status).toBe(200);
      seen.push(again.token);
    } finally {
      again.child.kill('SIGTERM');
      expect(await again.exited).toBe(0);
    }

    const list = JSON.parse((await cli(['tokens', 'list', '--project', dir, '--json'], dir)).stdout) as Array<{ name: string; last_used_at: string | null; revoked_at: string | null }>;
    expect(list.map((t) => [t.name, t.revoked_at === null])).toEqual([
      ['default', true],
      ['ci', false],
    ]);
    expect(list.find((t) => t.name === 'default')?.last_used_at).not.toBeNull();

    const stored = await readFile(tokenFile, 'utf8');
    expect((await stat(tokenFile)).mode & 0o777).toBe(0o600);
    for (const token of seen) {
      expect(stored).not.toContain(token);
      expect(server.stderr()).not.toContain(token);
      expect(again.stderr()).not.toContain(token);
    }
    expect(server.stderr()).not.toContain('sk_guarded_42');
    await cleanup();
  }, 120_000);

  it('refuses a folder that is not a project and a malformed name (exit 2)', async () => {
    const { dir, cleanup } = await tempDir();
    const none = await basin(['tokens', 'create', '--project', dir], dir);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('no basin.yml');
    await writeFiles(dir, shop);
    const bad = await basin(['tokens', 'create', '--name', 'has space', '--project', dir], dir);
    expect(bad.code).toBe(2);
    const ok = await basin(['tokens', 'create', '--project', dir], dir);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/^API token \(shown once\): basin_[A-Za-z0-9_-]{43}\n/);
    // Unnamed tokens get distinct names (token-<id>), so several can be made in a row.
    const again = await basin(['tokens', 'create', '--project', dir], dir);
    expect(again.code, again.stderr).toBe(0);
    const names = (JSON.parse((await basin(['tokens', 'list', '--project', dir, '--json'], dir)).stdout) as Array<{ id: string; name: string }>).map((t) => t.name === `token-${t.id}`);
    expect(names).toEqual([true, true]);
    await cleanup();
  });
});
