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
