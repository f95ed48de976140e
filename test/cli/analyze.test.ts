import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basin, tempDir, writeFiles } from '../support/cli-harness.js';

/** Three users: a converts, b views too late for the window, c never signs up. */
const EVENTS = [
  ['a', 'signup', '2026-01-05 10:00:00', '{"plan":"pro"}'],
  ['a', 'view', '2026-01-05 10:30:00', '{"plan":"pro"}'],
  ['a', 'buy', '2026-01-06 09:00:00', null],
  ['b', 'signup', '2026-01-05 11:00:00', '{"plan":"free"}'],
  ['b', 'view', '2026-01-20 12:00:00', null],
  ['c', 'view', '2026-01-12 08:00:00', '{}'],
];

describe('basin analyze', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ dir, cleanup } = await tempDir('basin-analyze-'));
    await writeFiles(dir, { 'basin.yml': 'name: product\nwarehouse: { type: duckdb, path: wh.duckdb }\n' });
    const values = EVENTS.map(([u, e, t, p]) => `('${u}', '${e}', TIMESTAMP '${t}', ${p === null ? 'NULL' : `'${p}'`})`).join(', ');
    const create = await basin(['query', `CREATE TABLE product_events AS SELECT * FROM (VALUES ${values}) AS t(user_id, event, "timestamp", properties)`, '--project', dir]);
    expect(create.stderr).toBe('');
  }, 60_000);
  afterAll(async () => cleanup());

  const analyze = async (args: string[]): Promise<unknown> => {
    const run = await basin(['analyze', ...args, '--project', dir, '--events', 'product_events', '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    return JSON.parse(run.stdout);
  };

  it('funnel --json: step counts, conversion and time to convert', async () => {
    const r = (await analyze(['funnel', 'signup', 'view', 'buy', '--window', '7d'])) as { groups: Array<Record<string, unknown>> };
    expect(r.groups).toHaveLength(1);
    expect(r.groups[0]).toMatchObject({ breakdown: null, converted: 1, conversionRate: 0.5, medianSecondsToConvert: 23 * 3600 });
    expect((r.groups[0]!['steps'] as Array<{ users: number }>).map((s) => s.users)).toEqual([2, 1, 1]);
  });

  it('reads the events relation and columns from basin.yml analytics: when no option names them', async () => {
    const { dir: other, cleanup: done } = await tempDir('basin-analyze-config-');
    try {
      await writeFiles(other, {
        'basin.yml': 'name: product\nwarehouse: { type: duckdb, path: wh.duckdb }\nanalytics:\n  events:\n    relation: ev\n    user_id: who\n    event: what\n    timestamp: at_time\n    properties: null\n',
      });
      const values = EVENTS.map(([u, e, t]) => `('${u}', '${e}', TIMESTAMP '${t}')`).join(', ');
      expect((await basin(['query', `CREATE TABLE ev AS SELECT * FROM (VALUES ${values}) AS t(who, what, at_time)`, '--project', other])).code).toBe(0);
      const run = await basin(['analyze', 'funnel', 'signup', 'view', 'buy', '--window', '7d', '--project', other, '--json']);
      expect(run.code, run.stderr).toBe(0);
      expect(((JSON.parse(run.stdout) as { groups: Array<{ steps: Array<{ users: number }> }> }).groups[0]!.steps).map((x) => x.users)).toEqual([2, 1, 1]);
    } finally {
      await done();
    }
  });

  it('funnel --json with a property breakdown', async () => {
    const r = (await analyze(['funnel', 'signup', 'view', '--window', '7d', '--breakdown', 'plan'])) as { groups: Array<{ breakdown: string; converted: number }> };
    expect(r.groups.map((g) => [g.breakdown, g.converted])).toEqual([
      ['free', 0],
      ['pro', 1],
    ]);
  });

  it('retention --json: weekly cohort table', async () => {
    const r = await analyze(['retention', 'signup', '--period', 'week', '--periods', '2']);
    expect(r).toEqual({ cohorts: [{ cohort: '2026-01-05', users: 2, retained: [2, 0, 1], rates: [1, 0, 0.5] }], observedThrough: '2026-01-20' });
  });

  it('retention: a period after the last day of data is null (--json) and an empty cell (table), not 0', async () => {
    // The data ends on Tuesday 2026-01-20: week 2 (from 2026-01-19) has started and counts, week 3 has not.
    const r = await analyze(['retention', 'signup', '--period', 'week', '--periods', '3']);
    expect(r).toEqual({ cohorts: [{ cohort: '2026-01-05', users: 2, retained: [2, 0, 1, null], rates: [1, 0, 0.5, null] }], observedThrough: '2026-01-20' });
    const table = await basin(['analyze', 'retention', 'signup', '--period', 'week', '--periods', '3', '--project', dir, '--events', 'product_events']);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toContain('data through 2026-01-20: empty cells are periods not observable yet');
    const row = table.stdout.split('\n').find((l) => l.includes('2026-01-05'))!;
    expect(row.split('|').map((x) => x.trim())).toEqual(['', '2026-01-05', '2', '0 (0.0%)', '1 (50.0%)', '', '']);
  });

  it('active --json: DAU, WAU, MAU and stickiness', async () => {
    const r = (await analyze(['active', '--from', '2026-01-05', '--to', '2026-01-06', '--stickiness', 'week'])) as Record<string, unknown>;
    expect(r['days']).toEqual([
      { day: '2026-01-05', dau: 2, wau: 2, mau: 2 },
      { day: '2026-01-06', dau: 1, wau: 2, mau: 2 },
    ]);
    expect(r['stickiness']).toEqual([{ period: '2026-01-05', days: 2, exactly: [1, 1], atLeast: [2, 1] }]);
  });

  it('paths --json: next events after signup', async () => {
    expect(await analyze(['paths', 'signup'])).toEqual({ event: 'signup', direction: 'next', paths: [{ path: ['view'], occurrences: 2, users: 2 }] });
  });

  it('prints a table without --json, and a usage error for a missing relation', async () => {
    const table = await basin(['analyze', 'funnel', 'signup', 'view', '--project', dir, '--events', 'product_events']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/\| step \| event +\| users \|/);
    const missing = await basin(['analyze', 'paths', 'signup', '--project', dir, '--events', 'nope']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope does not exist/);
  });
});
