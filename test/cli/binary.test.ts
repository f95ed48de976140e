import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, tempDir } from '../support/cli-harness.js';

const bin = path.join(REPO_ROOT, 'bin', 'basin.js');
const run = (args: string[], cwd: string) => spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });

describe('the basin binary (built dist/)', () => {
  it('prints its version and exits 2 without a command', () => {
    const version = run(['--version'], REPO_ROOT);
    expect(version.status).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    expect(run([], REPO_ROOT).status).toBe(2);
  });

  it('scaffolds a project with init and builds it', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const init = run(['init', 'my_project'], dir);
      expect(init.status, init.stderr).toBe(0);
      const project = path.join(dir, 'my_project');
      const build = run(['build', '--project', project], dir);
      expect(build.status, build.stderr).toBe(0);
      expect(build.stderr).toMatch(/Done\. PASS=\d+ WARN=0 ERROR=0 SKIP=0/);
      const query = run(['query', 'select plan, customers from customers_by_plan order by plan', '--json'], project);
      expect(query.status, query.stderr).toBe(0);
      expect(JSON.parse(query.stdout)).toEqual([
        { plan: 'free', customers: 1 },
        { plan: 'plus', customers: 1 },
        { plan: 'pro', customers: 1 },
      ]);
      const again = run(['init', 'my_project'], dir);
      expect(again.status).toBe(2);
      expect(again.stderr).toMatch(/is not empty/);
    } finally {
      await cleanup();
    }
  });
});

describe('basin sandbox', () => {
  it('serves the fake APIs until interrupted, and the Stripe fake answers with its sandbox key', async () => {
    const { spawn } = await import('node:child_process');
    const child = spawn(process.execPath, [bin, 'sandbox', '--json', '--seed', '7'], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let out = '';
      const info = await new Promise<{ url: string; vendors: Record<string, { base_url: string; credentials: Record<string, string> }> }>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('sandbox did not start')), 20_000);
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          try {
            const parsed = JSON.parse(out) as { url: string; vendors: Record<string, { base_url: string; credentials: Record<string, string> }> };
            clearTimeout(timer);
            resolve(parsed);
          } catch {
            // wait for the whole document
          }
        });
      });
      const stripe = info.vendors['stripe']!;
      const res = await fetch(`${stripe.base_url}/v1/customers?limit=3`, { headers: { authorization: `Bearer ${stripe.credentials['api_key']}` } });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { object: string; data: unknown[]; has_more: boolean };
      expect(body.object).toBe('list');
      expect(body.data).toHaveLength(3);
      const bad = await fetch(`${stripe.base_url}/v1/customers`, { headers: { authorization: 'Bearer sk_test_wrong' } });
      expect(bad.status).toBe(401);
    } finally {
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGINT');
      expect(await exited).toBe(0);
    }
  });
});
