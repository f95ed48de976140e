import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { basin, tempDir, writeFiles } from '../support/cli-harness.js';

/** A custom destination (the seed's "homemade scripts"): appends each write to a JSON-lines file, refuses one email. */
const customDestination = `
import { appendFileSync } from 'node:fs';

export default {
  config: (z) => z.object({ file: z.string(), token: z.string() }),
  capabilities: { ops: ['upsert', 'delete'], maxBatch: 2, rateLimit: { requests: 100, perSeconds: 1 } },
  async write(op, records, ctx) {
    appendFileSync(ctx.config.file, JSON.stringify({ op, object: ctx.object, records }) + '\\n');
    return records.map((r) => (r.fields.email === 'blocked@example.com' ? { ok: false, error: 'address is on the block list' } : { ok: true }));
  },
};
`;

interface Write {
  op: string;
  object: string;
  records: Array<{ key: string; fields: Record<string, unknown> }>;
}

describe('basin activate', () => {
  it('diffs a model, sends only changes to a custom destination, keeps failures, and runs after its model in pipelines', async () => {
    const { dir, cleanup } = await tempDir();
    const out = path.join(dir, 'delivered.jsonl');
    await writeFiles(dir, {
      'basin.yml': 'name: acts\nwarehouse: { type: duckdb, path: wh.duckdb }\n',
      'seeds/people.csv': 'id,email,plan,seats\n1,ann@example.com,pro,3\n2,bob@example.com,free,1\n3,blocked@example.com,pro,2\n',
      'models/customers.sql': "select id, email, plan, seats from {{ ref('people') }}\n",
      'destinations/crm.yml': `type: custom\nconfig:\n  file: ${out}\n  token: \${env:CRM_TOKEN:-tok-123}\n`,
      'destinations/crm.ts': customDestination,
      'syncs/customers_to_crm.yml': [
        'model: customers',
        'destination: crm',
        'object: contact',
        'key: id',
        'mapping:',
        '  email: email',
        '  plan: plan',
        '  seats: { column: seats, cast: integer }',
        '  origin: { constant: basin }',
        'mode: mirror',
        'max_remove_share: 0.5',
        '',
      ].join('\n'),
    });
    const writes = async (): Promise<Write[]> =>
      (await readFile(out, 'utf8').catch(() => '')).split('\n').filter(Boolean).map((l) => JSON.parse(l) as Write);
    try {
      const ls = await basin(['ls', '--project', dir, '--select', 'sync:*', '--json'], dir);
      expect(JSON.parse(ls.stdout)).toMatchObject([{ resource_type: 'sync', name: 'customers_to_crm', selector: 'sync:customers_to_crm', destination: 'crm', mode: 'mirror' }]);

      // The pipeline builds the seed and model, then the sync runs after them by itself.
      const built = await basin(['pipeline', '--project', dir, '--json'], dir);
      expect(built.code, built.stderr).toBe(0);
      const pipeline = JSON.parse(built.stdout) as { success: boolean; assets: Array<{ key: string; status: string; detail: { added?: number; failed?: number; failures?: unknown[] } | null }> };
      expect(pipeline.assets.map((a) => `${a.key}=${a.status}`)).toEqual(['seed:people=succeeded', 'model:customers=succeeded', 'sync:customers_to_crm=warned']);
      expect(pipeline.assets[2]!.detail).toMatchObject({ added: 2, failed: 1, failures: [{ key: '3', op: 'add', error: 'address is on the block list' }] });
      expect((await writes()).flatMap((w) => w.records.map((r) => r.key)).sort()).toEqual(['1', '2', '3']);
      expect((await writes())[0]).toMatchObject({ op: 'upsert', object: 'contact', records: [{ key: '1', fields: { email: 'ann@example.com', plan: 'pro', seats: 3, origin: 'basin' } }, { key: '2' }] });

      // Change the data: a dry run shows the diff and sends nothing.
      await writeFiles(dir, { 'seeds/people.csv': 'id,email,plan,seats\n1,ann@example.com,enterprise,3\n2,bob@example.com,free,1\n3,fixed@example.com,pro,2\n' });
      expect((await basin(['build', '--project', dir], dir)).code).toBe(0);
      const before = (await writes()).length;
      const dry = await basin(['activate', '--project', dir, '--dry-run'], dir);
      expect(dry.code, dry.stderr).toBe(0);
      expect(dry.stderr).toContain('sync customers_to_crm (dry run): would add 1, change 1, remove 0');
      expect(dry.stderr).toMatch(/change\s+1\s+\{"email":"ann@example.com","plan":"enterprise"/);
      expect((await writes()).length).toBe(before);

      const sent = await basin(['activate', '--project', dir], dir);
      expect(sent.code, sent.stderr).toBe(0);
      expect(sent.stderr).toContain('sync customers_to_crm: 1 added, 1 changed, 0 removed, 0 failed');
      expect((await writes()).slice(before).flatMap((w) => w.records.map((r) => r.key)).sort()).toEqual(['1', '3']);

      // Nothing changed: nothing sent.
      const idle = await basin(['activate', 'sync:customers_to_crm', '--project', dir, '--json'], dir);
      expect(JSON.parse(idle.stdout)).toMatchObject({ success: true, assets: [{ key: 'sync:customers_to_crm', status: 'succeeded', detail: { added: 0, changed: 0, removed: 0 } }] });

      // Mirror: a row that leaves the model is deleted; the guard refuses to remove most of the records.
      await writeFiles(dir, { 'seeds/people.csv': 'id,email,plan,seats\n1,ann@example.com,enterprise,3\n2,bob@example.com,free,1\n' });
      expect((await basin(['build', '--project', dir], dir)).code).toBe(0);
      expect((await basin(['activate', '--project', dir], dir)).stderr).toContain('0 added, 0 changed, 1 removed');
      expect((await writes()).at(-1)).toMatchObject({ op: 'delete', records: [{ key: '3', fields: {} }] });
      await writeFiles(dir, { 'seeds/people.csv': 'id,email,plan,seats\n' });
      expect((await basin(['build', '--project', dir], dir)).code).toBe(0);
      const guarded = await basin(['activate', '--project', dir], dir);
      expect(guarded.code).toBe(1);
      expect(guarded.stderr).toContain('would remove 2 of 2 delivered record(s)');

      // --full-resync resends every row still in the model, changed or not.
      await writeFiles(dir, { 'seeds/people.csv': 'id,email,plan,seats\n1,ann@example.com,enterprise,3\n2,bob@example.com,free,1\n' });
      expect((await basin(['build', '--project', dir], dir)).code).toBe(0);
      const resync = await basin(['activate', '--project', dir, '--full-resync'], dir);
      expect(resync.stderr).toContain('0 added, 2 changed, 0 removed, 0 failed');
    } finally {
      await cleanup();
    }
  }, 120_000);
});
