import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseYamlText } from '../../config/yaml-file.js';
import { silentLogger } from '../../core/logger.js';
import { tempProjects } from '../../core/test-support/temp-projects.js';
import { createSqliteRunStore } from '../run-store/sqlite-run-store.js';
import { dbtFreshnessThresholds } from './dbt-source-freshness.js';
import { evaluateFreshness } from './evaluate-freshness.js';
import type { FreshnessExpectation } from './freshness-expectations.js';
import { parseFreshnessRules } from './freshness-rules.js';

const temp = tempProjects('basin-freshness-');
afterAll(() => temp.cleanup());

const NOW = new Date('2026-06-02T12:00:00Z');
const hoursAgo = (h: number): Date => new Date(NOW.getTime() - h * 3_600_000);
const expect_ = (assetKey: string, warnAfterHours?: number, errorAfterHours?: number): FreshnessExpectation => ({ assetKey, warnAfterHours, errorAfterHours, origin: 'basin.yml freshness[0]' });

describe('evaluateFreshness', () => {
  it('grades each asset by the age of its latest successful load', () => {
    const results = evaluateFreshness(
      [expect_('model:a', 6, 24), expect_('model:b', 6, 24), expect_('model:c', 6, 24), expect_('model:d', 6), expect_('model:e', undefined, 24), expect_('model:f', 6, 24)],
      [
        { assetKey: 'model:a', status: 'succeeded', finishedAt: hoursAgo(2) },
        { assetKey: 'model:b', status: 'warned', finishedAt: hoursAgo(6.5) },
        { assetKey: 'model:c', status: 'succeeded', finishedAt: hoursAgo(30) },
        { assetKey: 'model:unrelated', status: 'succeeded', finishedAt: hoursAgo(100) },
        { assetKey: 'model:f', status: 'succeeded', finishedAt: hoursAgo(6) },
      ],
      NOW,
    );
    expect(results.map((r) => [r.assetKey, r.status, r.reason, r.ageHours])).toEqual([
      ['model:a', 'ok', 'fresh', 2],
      ['model:b', 'warn', 'stale', 6.5],
      ['model:c', 'error', 'stale', 30],
      ['model:d', 'warn', 'never_loaded', undefined],
      ['model:e', 'error', 'never_loaded', undefined],
      // Exactly at the threshold is still fresh: stale means older than it.
      ['model:f', 'ok', 'fresh', 6],
    ]);
    expect(results[0]).toEqual({ assetKey: 'model:a', status: 'ok', reason: 'fresh', loadedAt: hoursAgo(2), ageHours: 2, ageIsLowerBound: false, warnAfterHours: 6, errorAfterHours: 24, origin: 'basin.yml freshness[0]' });
  });

  it('judges a failed latest load on a lower bound, and prefers an observed load time', () => {
    const [recentFailure, oldFailure, observed] = evaluateFreshness(
      [expect_('source:stripe.customers', 12, 48), expect_('source:stripe.invoices', 12, 48), expect_('source:stripe.charges', 12, 48)],
      [
        { assetKey: 'source:stripe.customers', status: 'failed', finishedAt: hoursAgo(1) },
        { assetKey: 'source:stripe.invoices', status: 'failed', finishedAt: hoursAgo(13) },
        { assetKey: 'source:stripe.charges', status: 'failed', finishedAt: hoursAgo(1) },
      ],
      NOW,
      new Map([['source:stripe.charges', hoursAgo(50)]]),
    );
    expect(recentFailure).toMatchObject({ status: 'ok', reason: 'latest_failed', ageHours: 1, ageIsLowerBound: true });
    expect(oldFailure).toMatchObject({ status: 'warn', reason: 'latest_failed', ageHours: 13, ageIsLowerBound: true });
    expect(observed).toMatchObject({ status: 'error', reason: 'stale', ageHours: 50, ageIsLowerBound: false, loadedAt: hoursAgo(50) });
  });

  it('reads the latest results of a real run store', async () => {
    const store = await createSqliteRunStore({ path: path.join(await temp.project({}), 'runs.sqlite'), logger: silentLogger });
    await store.migrate();
    const older = await store.createRun({ selector: ['source:stripe+'], trigger: 'schedule', status: 'succeeded' });
    const newer = await store.createRun({ selector: ['source:stripe+'], trigger: 'schedule', status: 'failed' });
    await store.upsertAssetRun({ runId: older.id, assetKey: 'model:mrr', kind: 'model', status: 'succeeded', attempts: 1, finishedAt: hoursAgo(20) });
    await store.upsertAssetRun({ runId: newer.id, assetKey: 'model:mrr', kind: 'model', status: 'succeeded', attempts: 1, finishedAt: hoursAgo(3) });
    await store.upsertAssetRun({ runId: older.id, assetKey: 'model:arr', kind: 'model', status: 'succeeded', attempts: 1, finishedAt: hoursAgo(20) });
    await store.upsertAssetRun({ runId: newer.id, assetKey: 'model:arr', kind: 'model', status: 'skipped', attempts: 0 });
    const latest = await store.latestAssetRuns(['model:mrr', 'model:arr']);
    await store.close();
    const results = evaluateFreshness([expect_('model:mrr', 6, 24), expect_('model:arr', 6, 24)], latest, NOW);
    // A skipped asset is not a result: model:arr's data is from the older run.
    expect(results.map((r) => [r.assetKey, r.status, r.ageHours])).toEqual([
      ['model:mrr', 'ok', 3],
      ['model:arr', 'warn', 20],
    ]);
  });
});

describe('freshness settings', () => {
  it("reads dbt's freshness thresholds in hours", () => {
    expect(dbtFreshnessThresholds({ warn_after: { count: 12, period: 'hour' }, error_after: { count: 2, period: 'day' } })).toEqual({ warnAfterHours: 12, errorAfterHours: 48 });
    expect(dbtFreshnessThresholds({ warn_after: { count: 90, period: 'minute' }, filter: 'x > 1' })).toEqual({ warnAfterHours: 1.5, errorAfterHours: undefined });
    expect(dbtFreshnessThresholds(null)).toBeUndefined();
    expect(dbtFreshnessThresholds({ warn_after: { count: 1, period: 'fortnight' } })).toBeUndefined();
  });

  it('validates basin.yml freshness: rules, naming the line and key path', () => {
    expect(parseFreshnessRules([{ select: 'tag:finance', warn_after_hours: '6', error_after_hours: 24 }, { select: ['source:*'], exclude: 'source:gcp_logs', error_after_hours: 2 }])).toEqual([
      { index: 0, select: ['tag:finance'], exclude: [], warnAfterHours: 6, errorAfterHours: 24 },
      { index: 1, select: ['source:*'], exclude: ['source:gcp_logs'], warnAfterHours: undefined, errorAfterHours: 2 },
    ]);
    expect(parseFreshnessRules(undefined)).toEqual([]);
    const yaml = parseYamlText('name: demo\nfreshness:\n  - select: tag:finance\n    warn_after_hours: 24\n    error_after_hours: 6\n', 'basin.yml');
    const raw = (yaml.value as { freshness: unknown }).freshness;
    expect(() => parseFreshnessRules(raw, yaml)).toThrow('basin.yml:5: freshness[0].error_after_hours: must not be less than warn_after_hours (24)');
    expect(() => parseFreshnessRules([{ select: 'x' }])).toThrow('basin.yml: freshness[0].warn_after_hours: give warn_after_hours, error_after_hours or both');
    expect(() => parseFreshnessRules([{ select: 'x', warn_after: 3 }])).toThrow(/^basin\.yml: freshness\[0\]\.warn_after: unknown key "warn_after"/);
    expect(() => parseFreshnessRules({ select: 'x' })).toThrow('basin.yml: freshness: expected array, got a mapping');
  });
});
