import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../core/logger.js';
import { tempProjects } from '../../core/test-support/temp-projects.js';
import { openRunStore } from './open-run-store.js';
import { describeRunStoreContract } from './run-store.contract.js';
import { createSqliteRunStore } from './sqlite-run-store.js';

const temp = tempProjects('basin-run-store-');
afterAll(() => temp.cleanup());

const shared = temp.project({});
describeRunStoreContract('sqlite', async () => createSqliteRunStore({ path: path.join(await shared, 'nested', 'runs.sqlite'), logger: silentLogger }));

describe('SQLite run store specifics', () => {
  it('opens <project>/.basin/runs.sqlite by default, in WAL mode, migrated once', async () => {
    const dir = await temp.project({});
    const store = await openRunStore(undefined, { projectDir: dir, logger: silentLogger });
    const again = await openRunStore({ type: 'sqlite' }, { projectDir: dir, logger: silentLogger });
    const file = path.join(dir, '.basin', 'runs.sqlite');
    expect(store.description).toBe(`sqlite:${file}`);
    const run = await store.createRun({ selector: ['model.a'], trigger: 'demo' });
    expect(await again.getRun(run.id)).toEqual(run);
    await Promise.all([store.close(), again.close()]);

    const db = new Database(file, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.prepare('SELECT version, name FROM run_store_migrations').all()).toEqual([{ version: 1, name: 'runs, asset runs and events' }]);
    // Timestamps are epoch ms, JSON is text.
    expect(db.prepare('SELECT created_at, selector FROM runs').get()).toEqual({ created_at: run.createdAt.getTime(), selector: '["model.a"]' });
    db.close();
  });

  it('resolves a configured path against the project folder', async () => {
    const dir = await temp.project({});
    const store = await openRunStore({ type: 'sqlite', path: 'state/history.db' }, { projectDir: dir, logger: silentLogger });
    await store.close();
    expect(existsSync(path.join(dir, 'state', 'history.db'))).toBe(true);
  });

  it('claims exactly once and numbers events gap-free across processes', async () => {
    const file = path.join(await temp.project({}), 'runs.sqlite');
    const store = await openRunStore({ type: 'sqlite', path: file }, { projectDir: '/', logger: silentLogger });
    const run = await store.createRun({ selector: [], trigger: 'manual', status: 'running' });
    const worker = fileURLToPath(new URL('./test-support/sqlite-race-worker.ts', import.meta.url));
    const startAt = String(Date.now() + 2_500);
    const outputs = await Promise.all(
      [1, 2, 3].map(() => promisify(execFile)(process.execPath, ['--import', 'tsx', worker, file, 'race', '50', run.id, startAt], { timeout: 15_000 })),
    );
    const results = outputs.map((o) => JSON.parse(o.stdout) as { won: number[]; seqs: number[][] });
    const won = results.flatMap((r) => r.won).sort((a, b) => a - b);
    expect(won).toEqual(Array.from({ length: 50 }, (_, i) => i));
    for (const batch of results.flatMap((r) => r.seqs)) expect(batch.map((s) => s - batch[0]!)).toEqual([0, 1, 2]);
    const seqs = results.flatMap((r) => r.seqs.flat()).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 180 }, (_, i) => i + 1));
    expect((await store.listRuns({ job: 'race', limit: 100 })).runs).toHaveLength(50);
    await store.close();
  });

  it('fails with a storage error when the file cannot be opened', async () => {
    const dir = await temp.project({ 'blocker': 'a file, not a folder' });
    const err = await createSqliteRunStore({ path: path.join(dir, 'blocker', 'runs.sqlite'), logger: silentLogger }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'INTERNAL', reason: 'storage' });
    expect((err as Error).message).toContain(path.join(dir, 'blocker', 'runs.sqlite'));
  });
});
