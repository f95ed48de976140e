import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../core/logger.js';
import { createPostgresRunStore } from '../run-store/postgres-run-store.js';
import { raceTwoSchedulers } from './test-support/scheduler-harness.js';

/** The development machine's Postgres (trust auth), as the run store's own tests use it. */
const server = { host: '127.0.0.1', port: 5432, user: 'postgres', database: 'postgres' } as const;
const schema = `basin_scheduler_test_${randomUUID().slice(0, 8)}`;

afterAll(async () => {
  const client = new pg.Client(server);
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await client.end();
});

describe('Scheduler on Postgres', () => {
  it('two servers (two pools on one schema) claim every tick exactly once', async () => {
    const [storeA, storeB] = await Promise.all([1, 2].map(async () => createPostgresRunStore({ ...server, schema, logger: silentLogger })));
    await Promise.all([storeA!.migrate(), storeB!.migrate()]);
    try {
      const { a, b, fastTicks, slowTicks } = await raceTwoSchedulers(storeA!, storeB!);
      const all = [...a.started, ...b.started];
      expect(all.filter((s) => s.job === 'fast').map((s) => s.at).sort()).toEqual(fastTicks);
      expect(all.filter((s) => s.job === 'slow').map((s) => s.at).sort()).toEqual(slowTicks);
      expect([...a.events, ...b.events].filter((e) => e.type === 'claimed_elsewhere')).toHaveLength(210);
      expect([...a.events, ...b.events].filter((e) => e.type === 'skipped_concurrency' || e.type === 'error')).toEqual([]);
      const runs = (await storeB!.listRuns({ job: 'fast', limit: 1000 })).runs;
      expect(runs.map((r) => r.scheduledFor?.toISOString()).sort()).toEqual(fastTicks);
    } finally {
      await Promise.all([storeA!.close(), storeB!.close()]);
    }
  });
});
