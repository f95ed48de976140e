import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../core/logger.js';
import { tempProjects } from '../../core/test-support/temp-projects.js';
import { createSqliteRunStore } from '../run-store/sqlite-run-store.js';
import { FRESHNESS_JOB, runFreshnessCheck } from './freshness-check.js';

describe('runFreshnessCheck', () => {
  const temp = tempProjects('basin-freshness-');
  afterAll(() => temp.cleanup());

  it('records each check and alerts only when an asset gets worse', async () => {
    const store = await createSqliteRunStore({ path: path.join(await temp.project({}), 'runs.sqlite'), logger: silentLogger });
    await store.migrate();
    const loadedAt = new Date('2026-11-28T00:00:00Z');
    const load = await store.createRun({ selector: ['x'], trigger: 'manual', status: 'succeeded', startedAt: loadedAt, finishedAt: loadedAt });
    await store.upsertAssetRun({ runId: load.id, assetKey: 'source:shop.orders', kind: 'source', status: 'succeeded', attempts: 1, startedAt: loadedAt, finishedAt: loadedAt });
    const expectations = [
      { assetKey: 'source:shop.orders', warnAfterHours: 6, errorAfterHours: 24, origin: 'basin.yml freshness[0]' },
      { assetKey: 'model:never', errorAfterHours: 1, origin: 'basin.yml freshness[1]' },
    ];
    const check = async (hours: number) => {
      const at = new Date(loadedAt.getTime() + hours * 3_600_000);
      const run = await store.createRun({ job: FRESHNESS_JOB, selector: [], trigger: 'schedule', createdAt: at });
      const outcome = await runFreshnessCheck({ store, runId: run.id, expectations, at, link: `https://b/api/runs/${run.id}`, logger: silentLogger });
      return { run: await store.getRun(run.id), events: await store.listEvents(run.id), outcome };
    };
    const first = await check(1);
    expect(first.run?.status).toBe('failed');
    expect(first.outcome.alerts.map((a) => [a.event, a.assets.map((x) => `${x.key} ${x.detail}`)])).toEqual([['freshness_error', ['model:never never loaded (error after 1 h)']]]);
    expect(first.events.map((e) => e.type)).toEqual(['freshness_checked', 'freshness_error']);
    expect(first.events[0]?.data).toEqual({ statuses: { 'source:shop.orders': 'ok', 'model:never': 'error' } });

    const second = await check(7);
    expect(second.outcome.alerts.map((a) => [a.event, a.assets.map((x) => `${x.key} ${x.detail}`)])).toEqual([['freshness_warn', ['source:shop.orders 7.0 h old (warn after 6 h, error after 24 h)']]]);
    expect((await check(8)).outcome.alerts).toEqual([]);
    const fourth = await check(25);
    expect(fourth.outcome.alerts.map((a) => [a.event, a.assets.map((x) => x.key), a.link])).toEqual([['freshness_error', ['source:shop.orders'], `https://b/api/runs/${fourth.run!.id}`]]);
    await store.close();
  });
});
