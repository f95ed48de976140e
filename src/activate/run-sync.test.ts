import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { SyncConfig } from '../config/sync-config.js';
import { silentLogger } from '../core/logger.js';
import { createDuckDbWarehouse } from '../warehouse/duckdb/duckdb-warehouse.js';
import type { Warehouse } from '../warehouse/warehouse.js';
import type { DestinationFactory, DestinationOp, DestinationRecord, RecordResult } from './destination.js';
import { runSync } from './run-sync.js';

/** A destination that keeps records in memory, refuses names starting with "bad", and can be switched off. */
function memoryDestination(ops: DestinationOp[] = ['upsert', 'delete'], maxBatch = 2) {
  const store = new Map<string, Record<string, unknown>>();
  const calls: Array<{ op: DestinationOp; keys: string[] }> = [];
  const state = { down: false };
  const factory: DestinationFactory<{ token: string }> = {
    type: 'memory',
    configSchema: z.object({ token: z.string() }),
    open: () => ({
      capabilities: { ops, maxBatch },
      async write(op: DestinationOp, records: readonly DestinationRecord[]): Promise<RecordResult[]> {
        if (state.down) throw new Error('connection refused (token tok-secret)');
        calls.push({ op, keys: records.map((r) => r.key) });
        return records.map((r) => {
          if (String(r.fields['name'] ?? '').startsWith('bad')) return { ok: false, error: `name ${String(r.fields['name'])} is not allowed` };
          if (op === 'delete') store.delete(r.key);
          else store.set(r.key, { ...r.fields });
          return { ok: true };
        });
      },
    }),
  };
  return { factory, store, calls, state };
}

const sync = (extra: Partial<SyncConfig> = {}): SyncConfig => ({
  name: 'people',
  file: 'syncs/people.yml',
  model: 'people',
  destination: 'memory',
  object: 'person',
  key: ['id'],
  mapping: [
    { field: 'name', from: { kind: 'column', column: 'name' } },
    { field: 'score', from: { kind: 'column', column: 'score', cast: 'integer' } },
    { field: 'source', from: { kind: 'constant', value: 'basin' } },
  ],
  mode: 'upsert',
  maxRemoveShare: 0.5,
  enabled: true,
  tags: [],
  locate: () => ({ file: 'syncs/people.yml' }),
  ...extra,
});

describe('runSync', () => {
  let wh: Warehouse;
  beforeAll(async () => {
    wh = await createDuckDbWarehouse({ path: ':memory:' }, { logger: silentLogger });
    await wh.execute("CREATE TABLE people AS SELECT * FROM (VALUES (1, 'ann', '10'), (2, 'bob', '20'), (3, 'bad cat', '30'), (4, 'dee', '40'), (NULL, 'nokey', '0')) AS t(id, name, score)");
  });
  afterAll(() => wh.close());
  const input = { relation: { schema: 'main', name: 'people' } };

  it('delivers a diff in batches, keeps failures and rejects, retries failures, and sends only changes', async () => {
    const dest = memoryDestination();
    const base = { sync: sync(), destinationConfig: { token: 't' }, factory: dest.factory, warehouse: wh, input, logger: silentLogger };
    const first = await runSync({ ...base, runId: 'r1' });
    expect(first).toMatchObject({ planned: { add: 4, change: 0, remove: 0 }, added: 3, failed: 1, rejected: { null_key: 1, duplicate_key: 0 } });
    expect(first.failures).toEqual([{ key: '3', op: 'add', error: 'name bad cat is not allowed' }]);
    expect(dest.calls.every((c) => c.keys.length <= 2)).toBe(true);
    expect(dest.store.get('1')).toEqual({ name: 'ann', score: 10, source: 'basin' });

    const again = await runSync({ ...base, runId: 'r2' });
    expect(again).toMatchObject({ planned: { add: 1, change: 0, remove: 0 }, added: 0, failed: 1 });

    await wh.execute("UPDATE people SET name = 'cat' WHERE id = 3; UPDATE people SET score = '21' WHERE id = 2");
    const third = await runSync({ ...base, runId: 'r3' });
    expect(third).toMatchObject({ planned: { add: 1, change: 1 }, added: 1, changed: 1, failed: 0 });
    expect(dest.store.get('2')).toMatchObject({ score: 21 });
    expect(await runSync({ ...base, runId: 'r4' })).toMatchObject({ planned: { add: 0, change: 0, remove: 0 }, added: 0 });
  });

  it('mirrors removes within the guard, dry-runs without sending, and stops when the destination is down', async () => {
    await wh.execute("CREATE OR REPLACE TABLE people AS SELECT * FROM (VALUES (1, 'ann', '1'), (2, 'bob', '2'), (3, 'cy', '3'), (4, 'dee', '4')) AS t(id, name, score)");
    const dest = memoryDestination(['upsert', 'delete'], 1);
    const base = { sync: sync({ name: 'mirrored', mode: 'mirror' }), destinationConfig: { token: 't' }, factory: dest.factory, warehouse: wh, input, logger: silentLogger };
    await runSync({ ...base, runId: 'm1' });
    expect(dest.store.size).toBe(4);
    await wh.execute('DELETE FROM people WHERE id = 4');
    const dry = await runSync({ ...base, runId: 'm2', dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, planned: { remove: 1 }, removed: 0, sample: [{ op: 'remove', key: '4', fields: {} }] });
    expect(dest.store.size).toBe(4);
    expect(await runSync({ ...base, runId: 'm3' })).toMatchObject({ removed: 1 });
    expect(dest.calls.at(-1)).toEqual({ op: 'delete', keys: ['4'] });

    await wh.execute('DELETE FROM people WHERE id > 1');
    await expect(runSync({ ...base, runId: 'm4' })).rejects.toThrow(/would remove 2 of 3 delivered record\(s\).*max_remove_share 0.5/);

    await wh.execute("INSERT INTO people VALUES (5, 'e', '5'), (6, 'f', '6'), (7, 'g', '7'), (8, 'h', '8')");
    dest.state.down = true;
    const down = await runSync({ ...base, sync: sync({ name: 'mirrored', mode: 'mirror', maxRemoveShare: 1 }), runId: 'm5', scrub: (t) => t.replace('tok-secret', '***') });
    expect(down.stopped).toMatch(/3 batches in a row/);
    expect(down.failed).toBe(3);
    expect(down.failures[0]?.error).toBe('connection refused (token ***)');
  });

  it('refuses a mode the destination cannot do', async () => {
    const dest = memoryDestination(['upsert']);
    await expect(
      runSync({ sync: sync({ name: 'nodelete', mode: 'mirror' }), destinationConfig: { token: 't' }, factory: dest.factory, warehouse: wh, input, runId: 'x', logger: silentLogger }),
    ).rejects.toThrow(/mode mirror needs delete, which memory person does not support/);
  });

  it('rewrites a whole-table destination in key order only when something changed, rows that left included; a failed rewrite is retried', async () => {
    await wh.execute("CREATE OR REPLACE TABLE people AS SELECT * FROM (VALUES (10, 'j', '1'), (9, 'i', '2'), (2, 'b', '3')) AS t(id, name, score)");
    const table: { fields: readonly string[]; rows: string[][]; writes: number; down: boolean } = { fields: [], rows: [], writes: 0, down: false };
    const factory: DestinationFactory<{ token: string }> = {
      type: 'sheet',
      configSchema: z.object({ token: z.string() }),
      open: () => ({
        capabilities: { ops: ['upsert', 'delete'], maxBatch: 1, replace: true },
        write: () => Promise.reject(new Error('a sheet is only replaced')),
        async replace(records, { fields }) {
          if (table.down) throw new Error('quota exceeded');
          table.writes++;
          table.fields = fields;
          table.rows = records.map((r) => [r.key, ...fields.map((f) => String(r.fields[f]))]);
        },
      }),
    };
    const base = { sync: sync({ name: 'sheet' }), destinationConfig: { token: 't' }, factory, warehouse: wh, input, logger: silentLogger };
    expect(await runSync({ ...base, runId: 's1' })).toMatchObject({ planned: { add: 3 }, added: 3, failed: 0 });
    expect(table.fields).toEqual(['name', 'score', 'source']);
    expect(table.rows.map((r) => r[0])).toEqual(['2', '9', '10']);
    expect(await runSync({ ...base, runId: 's2' })).toMatchObject({ planned: { add: 0, change: 0, remove: 0 } });
    expect(table.writes).toBe(1);

    await wh.execute('DELETE FROM people WHERE id = 9');
    expect(await runSync({ ...base, runId: 's3' })).toMatchObject({ planned: { remove: 1 }, removed: 1 });
    expect(table.rows).toEqual([['2', 'b', '3', 'basin'], ['10', 'j', '1', 'basin']]);

    await wh.execute("UPDATE people SET name = 'jj' WHERE id = 10");
    table.down = true;
    const failed = await runSync({ ...base, runId: 's4' });
    expect(failed).toMatchObject({ planned: { change: 1 }, changed: 0, failed: 2, stopped: expect.stringMatching(/could not be rewritten/) });
    expect(failed.failures[0]?.error).toBe('quota exceeded');
    table.down = false;
    expect(await runSync({ ...base, runId: 's5' })).toMatchObject({ failed: 0 });
    expect(table.rows).toEqual([['2', 'b', '3', 'basin'], ['10', 'jj', '1', 'basin']]);
    expect(table.writes).toBe(3);
  });
});
