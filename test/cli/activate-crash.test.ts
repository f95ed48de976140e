import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { basin, queryRows, REPO_ROOT, tempDir, writeFiles } from '../support/cli-harness.js';
import { until } from '../support/serve-process.js';

/** A slow custom destination: appends every record it accepts to a JSON-lines file, 150 ms per batch of 5. */
const slowDestination = `
import { appendFileSync } from 'node:fs';
export default {
  config: (z) => z.object({ file: z.string() }),
  capabilities: { ops: ['upsert'], maxBatch: 5 },
  async write(op, records, ctx) {
    await new Promise((r) => setTimeout(r, 150));
    for (const r of records) appendFileSync(ctx.config.file, JSON.stringify({ key: r.key, v: r.fields.v }) + '\\n');
    return records.map(() => ({ ok: true }));
  },
};
`;

describe('basin activate after kill -9', () => {
  it('never records as delivered what was not, and the rerun sends what is left, changes included', async () => {
    const { dir, cleanup } = await tempDir();
    const out = path.join(dir, 'delivered.jsonl');
    const rows = (v: number) => ['id,v', ...Array.from({ length: 200 }, (_, i) => `${i + 1},${v}`)].join('\n') + '\n';
    await writeFiles(dir, {
      'basin.yml': 'name: crashy\nwarehouse: { type: duckdb, path: wh.duckdb }\n',
      'seeds/items.csv': rows(1),
      'destinations/slow.yml': `type: custom\nconfig:\n  file: ${out}\n`,
      'destinations/slow.ts': slowDestination,
      'syncs/items_out.yml': 'model: items\ndestination: slow\nobject: item\nkey: id\nmapping:\n  v: { column: v, cast: integer }\n',
    });
    const delivered = async (): Promise<Array<{ key: string; v: number }>> =>
      (await readFile(out, 'utf8').catch(() => '')).split('\n').filter(Boolean).map((l) => JSON.parse(l) as { key: string; v: number });
    try {
      expect((await basin(['seed', '--project', dir], dir)).code).toBe(0);
      const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin', 'basin.js'), 'activate', '--project', dir], { stdio: 'ignore' });
      const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
      await until('some batches delivered', async () => ((await delivered()).length >= 40 ? true : undefined), 60_000);
      child.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');
      const sentBeforeCrash = new Set((await delivered()).map((d) => d.key));
      expect(sentBeforeCrash.size).toBeLessThan(200);

      // What the state calls delivered was delivered.
      const recorded = await queryRows(dir, 'select key from _basin_activate.items_out where delivered_hash is not null');
      expect(recorded.length).toBeGreaterThan(0);
      for (const r of recorded) expect(sentBeforeCrash.has(String(r['key']))).toBe(true);

      // A change made meanwhile is not lost: every key ends with its latest value.
      await writeFiles(dir, { 'seeds/items.csv': rows(1).replace('\n7,1\n', '\n7,2\n') });
      expect((await basin(['seed', '--project', dir], dir)).code).toBe(0);
      const rerun = await basin(['activate', '--project', dir, '--json'], dir);
      expect(rerun.code, rerun.stderr).toBe(0);
      const latest = new Map((await delivered()).map((d) => [d.key, d.v]));
      expect(latest.size).toBe(200);
      expect(latest.get('7')).toBe(2);
      expect([...latest.values()].filter((v) => v !== 1)).toEqual([2]);
      const [state] = await queryRows(dir, 'select count(*) as n, count(delivered_hash) as ok from _basin_activate.items_out');
      expect(state).toEqual({ n: 200, ok: 200 });
      // Rows already recorded before the crash were not sent again (unless changed).
      const sends = (await delivered()).filter((d) => d.key === String(recorded[0]!['key'])).length;
      expect(sends).toBe(recorded[0]!['key'] === '7' ? 2 : 1);
    } finally {
      await cleanup();
    }
  }, 120_000);
});
