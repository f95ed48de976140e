import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../core/logger.js';
import { openRunStore } from './open-run-store.js';
import { createPostgresRunStore, type PostgresRunStoreOptions } from './postgres-run-store.js';
import { describeRunStoreContract } from './run-store.contract.js';

/** The development machine's Postgres (trust auth). */
const server = { host: '127.0.0.1', port: 5432, user: 'postgres', database: 'postgres' } as const;
const suffix = randomUUID().slice(0, 8);
const schemas = [`basin_runs_test_${suffix}`, `basin_runs_migrate_${suffix}`, `basin_runs_open_${suffix}`];
const [contractSchema, migrateSchema, openSchema] = schemas as [string, string, string];
const open = (options: Partial<PostgresRunStoreOptions> = {}) => createPostgresRunStore({ ...server, schema: contractSchema, logger: silentLogger, ...options });

afterAll(async () => {
  const client = new pg.Client(server);
  await client.connect();
  for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await client.end();
});

describeRunStoreContract('postgres', async () => open());

describe('Postgres run store specifics', () => {
  it('migrates safely when several servers start at once', async () => {
    const stores = Array.from({ length: 4 }, () => open({ schema: migrateSchema }));
    await Promise.all(stores.map((s) => s.migrate()));
    const client = new pg.Client(server);
    await client.connect();
    const res = await client.query(`SELECT version FROM "${migrateSchema}".run_store_migrations`);
    await client.end();
    expect(res.rows).toEqual([{ version: 1 }]);
    await Promise.all(stores.map((s) => s.close()));
  });

  it('opens from a connection string, describing it without the password', async () => {
    const store = await openRunStore(
      { type: 'postgres', connection_string: `postgres://postgres:hunter2@127.0.0.1:5432/postgres`, schema: openSchema },
      { projectDir: '/nonexistent', logger: silentLogger },
    );
    expect(store.description).toBe(`postgres://postgres@127.0.0.1:5432/postgres (schema ${openSchema})`);
    expect(store.description).not.toContain('hunter2');
    const run = await store.createRun({ selector: [], trigger: 'api' });
    expect((await store.getRun(run.id))?.trigger).toBe('api');
    await store.close();
  });

  it('stores U+0000 in text as U+FFFD (Postgres text cannot hold it)', async () => {
    const store = open();
    const run = await store.createRun({ selector: [], trigger: 'manual' });
    await store.appendEvents(run.id, [{ level: 'info', type: 'log', message: 'a\u0000b', data: 'c\u0000d' }]);
    const [event] = await store.listEvents(run.id);
    expect(event?.message).toBe('a\uFFFDb');
    expect(event?.data).toBe('c\u0000d');
    await store.close();
  });

  it('fails with a storage error naming the server, not the password, when Postgres is unreachable', async () => {
    const err = await openRunStore(
      { type: 'postgres', host: '127.0.0.1', port: 1, user: 'postgres', password: 'hunter2', database: 'postgres', schema: 'basin_runs' },
      { projectDir: '/nonexistent', logger: silentLogger },
    ).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'INTERNAL', reason: 'storage' });
    expect((err as Error).message).toContain('127.0.0.1:1/postgres');
    expect((err as Error).message).not.toContain('hunter2');
  });
});
