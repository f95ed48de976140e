/**
 * runDashboard against a real warehouse (DuckDB and Postgres run the same
 * suite): inputs bound (an injection attempt stays a value), dropdown options
 * from a query, the cache per data version, a failing query isolated, writes
 * refused.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../core/logger.js';
import type { Warehouse } from '../warehouse/warehouse.js';
import { parseDashboard } from './parse-dashboard.js';
import { createQueryCache } from './query-cache.js';
import { runDashboard, type DashboardRunContext } from './run-dashboard.js';

const PAGE = `# Signups

\`\`\`input
name: range
type: date_range
default: all
\`\`\`

\`\`\`input
name: plan
type: dropdown
options: { query: plans, column: plan }
all: true
\`\`\`

\`\`\`input
name: search
type: text
\`\`\`

\`\`\`sql plans
select distinct plan from {{ ref('signups') }} order by plan
\`\`\`

\`\`\`sql by_day
select day, count(*) as n from {{ ref('signups') }}
where day between \${inputs.range.start} and \${inputs.range.end}
  and (\${inputs.plan} is null or plan = \${inputs.plan})
  and name like '%' || \${inputs.search} || '%'
group by day order by day
\`\`\`

\`\`\`sql broken
select nope from {{ ref('signups') }}
\`\`\`

\`\`\`chart
type: bar
data: by_day
x: day
y: n
\`\`\`
`;

export function describeRunDashboardContract(name: string, open: () => Promise<Warehouse>): void {
  describe(`runDashboard on ${name}`, () => {
    let wh: Warehouse;
    const schema = `basin_dash_${process.pid}_${Date.now() % 100000}`;
    const dashboard = parseDashboard(PAGE, { name: 'signups', file: 'dashboards/signups.md' });
    const cache = createQueryCache();
    const ctx = (dataVersion = 'v1'): DashboardRunContext => ({
      warehouse: wh,
      relationOf: (ref) => wh.dialect.relation({ schema, name: ref }),
      sourceRelationOf: (s, t) => wh.dialect.relation({ schema: s, name: t }),
      dataVersion,
      cache,
      today: new Date('2026-03-10T00:00:00Z'),
      logger: silentLogger,
    });

    beforeAll(async () => {
      wh = await open();
      await wh.execute([
        `CREATE SCHEMA IF NOT EXISTS ${wh.dialect.quoteIdentifier(schema)}`,
        `CREATE TABLE ${wh.dialect.relation({ schema, name: 'signups' })} AS SELECT * FROM (VALUES
          (DATE '2026-03-01', 'free', 'ann'), (DATE '2026-03-01', 'team', 'bob'), (DATE '2026-03-02', 'free', 'cy'),
          (DATE '2026-03-03', 'team', 'dee'), (DATE '2026-03-03', 'team', 'ed')) AS t(day, plan, name)`,
      ]);
    });
    afterAll(async () => {
      await wh.execute(`DROP SCHEMA IF EXISTS ${wh.dialect.quoteIdentifier(schema)} CASCADE`);
      await wh.close();
    });

    const counts = (rows: Array<Record<string, unknown>>) => rows.map((r) => [String(r['day']).slice(0, 10), Number(r['n'])]);

    it('runs every query with the defaults and fills dropdowns from their query', async () => {
      const run = await runDashboard(dashboard, {}, ctx());
      expect(run.inputs).toEqual([
        { name: 'range', type: 'date_range', value: { start: '0001-01-01', end: '9999-12-31' } },
        { name: 'plan', type: 'dropdown', value: null, options: ['__all__', 'free', 'team'] },
        { name: 'search', type: 'text', value: '' },
      ]);
      expect(counts(run.queries['by_day']!.rows)).toEqual([['2026-03-01', 2], ['2026-03-02', 1], ['2026-03-03', 2]]);
      expect(run.queries['broken']!.error).toMatch(/nope/);
      expect(run.queries['by_day']!.error).toBeUndefined();
    });

    it('filters by bound input values; an injection attempt is only a value', async () => {
      const run = await runDashboard(dashboard, { range: '2026-03-02..2026-03-03', plan: 'team' }, ctx());
      expect(counts(run.queries['by_day']!.rows)).toEqual([['2026-03-03', 2]]);
      const evil = await runDashboard(dashboard, { search: "x' or 1=1; drop table signups; --" }, ctx());
      expect(evil.queries['by_day']!.rows).toEqual([]);
      expect((await wh.query(`select count(*) as n from ${wh.dialect.relation({ schema, name: 'signups' })}`)).rows[0]?.['n']).toBe(5);
      await expect(runDashboard(dashboard, { plan: 'enterprise' }, ctx())).rejects.toThrow(/"enterprise" is not one of its options/);
    });

    it('serves repeated runs from the cache until the data version changes', async () => {
      const first = await runDashboard(dashboard, { plan: 'free' }, ctx('v7'));
      expect(first.queries['by_day']!.cached).toBe(false);
      const again = await runDashboard(dashboard, { plan: 'free' }, ctx('v7'));
      expect(again.queries['by_day']!.cached).toBe(true);
      expect(again.queries['by_day']!.rows).toEqual(first.queries['by_day']!.rows);
      expect((await runDashboard(dashboard, { plan: 'free' }, ctx('v8'))).queries['by_day']!.cached).toBe(false);
    });

    it('runs only the queries asked for, with the options queries of the dropdowns they read (shared by concurrent runs)', async () => {
      const only = await runDashboard(dashboard, {}, ctx('s1'), { queries: ['broken'] });
      expect(Object.keys(only.queries)).toEqual(['broken']);
      // broken reads no dropdown: plan's options query did not run, so plan is not resolved.
      expect(only.inputs.map((i) => i.name)).toEqual(['range', 'search']);
      const transactions = vi.spyOn(wh, 'transaction');
      try {
        const [byDay, plans] = await Promise.all([
          runDashboard(dashboard, { plan: 'team' }, ctx('s2'), { queries: ['by_day'] }),
          runDashboard(dashboard, {}, ctx('s2'), { queries: ['plans'] }),
        ]);
        expect(Object.keys(byDay.queries)).toEqual(['by_day']);
        expect(counts(byDay.queries['by_day']!.rows)).toEqual([['2026-03-01', 1], ['2026-03-03', 2]]);
        expect(byDay.inputs.find((i) => i.name === 'plan')).toEqual({ name: 'plan', type: 'dropdown', value: 'team', options: ['__all__', 'free', 'team'] });
        expect(Object.keys(plans.queries)).toEqual(['plans']);
        expect(plans.queries['plans']!.rows.map((r) => r['plan'])).toEqual(['free', 'team']);
        // plans ran once for both runs, by_day once.
        expect(transactions).toHaveBeenCalledTimes(2);
      } finally {
        transactions.mockRestore();
      }
      expect((await runDashboard(dashboard, {}, ctx('s1'), { queries: [] })).queries).toEqual({});
      await expect(runDashboard(dashboard, {}, ctx(), { queries: ['by_day', 'nope', 'gone'] })).rejects.toThrow(/queries: no query nope, gone on dashboard signups/);
    });

    it('computes analysis blocks over the events (funnel, retention, active users, paths), narrowed by a range input', async () => {
      const events = { relation: { schema, name: 'events' }, userColumn: 'user_id', eventColumn: 'event', timestampColumn: 'ts' };
      await wh.execute(
        `CREATE TABLE ${wh.dialect.relation({ schema, name: 'events' })} AS SELECT * FROM (VALUES
          ('u1', 'sign_up', TIMESTAMP '2026-03-01 10:00:00'), ('u1', 'create_space', TIMESTAMP '2026-03-01 11:00:00'), ('u1', 'invite', TIMESTAMP '2026-03-09 09:00:00'),
          ('u2', 'sign_up', TIMESTAMP '2026-03-02 10:00:00'), ('u2', 'create_space', TIMESTAMP '2026-03-04 10:00:00'),
          ('u3', 'sign_up', TIMESTAMP '2026-03-08 10:00:00')) AS t(user_id, event, ts)`,
      );
      const page = parseDashboard(
        [
          '```input\nname: period\ntype: date_range\ndefault: all\n```',
          '```funnel activation\nsteps: [sign_up, create_space, invite]\nwindow: 7d\nrange: period\n```',
          '```retention weekly\nstart: sign_up\nperiod: week\nperiods: 2\n```',
          '```active_users active\nrange: period\n```',
          '```paths after_signup\nevent: sign_up\n```',
          '```chart\ntype: funnel\ndata: activation\nx: event\ny: users\n```',
        ].join('\n\n'),
        { name: 'product', file: 'dashboards/product.md', eventsModel: 'events' },
      );
      expect(page.refs).toEqual(['events']);
      const run = await runDashboard(page, {}, { ...ctx('a1'), events });
      expect(run.queries['activation']!.rows.map((r) => [r['event'], r['users']])).toEqual([['sign_up', 3], ['create_space', 2], ['invite', 0]]);
      expect(run.queries['weekly']!.error).toBeUndefined();
      // The events end on Monday 2026-03-09: that week has started (counted so far), the week after it is null, not 0.
      expect(run.queries['weekly']!.rows).toEqual([
        { cohort: '2026-02-23', period: 0, users: 1, retained: 1, rate: 1 },
        { cohort: '2026-02-23', period: 1, users: 1, retained: 0, rate: 0 },
        { cohort: '2026-02-23', period: 2, users: 1, retained: 1, rate: 1 },
        { cohort: '2026-03-02', period: 0, users: 2, retained: 2, rate: 1 },
        { cohort: '2026-03-02', period: 1, users: 2, retained: 0, rate: 0 },
        { cohort: '2026-03-02', period: 2, users: 2, retained: null, rate: null },
      ]);
      expect(run.queries['active']!.rows[0]).toMatchObject({ day: '2026-03-01', dau: 1 });
      expect(run.queries['after_signup']!.rows).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'create_space', users: 2 })]));
      const narrowed = await runDashboard(page, { period: '2026-03-02..2026-03-31' }, { ...ctx('a1'), events });
      expect(narrowed.queries['activation']!.rows.map((r) => r['users'])).toEqual([2, 1, 0]);
      const withoutEvents = await runDashboard(page, {}, ctx('a2'));
      expect(withoutEvents.queries['activation']!.error).toMatch(/add analytics: \{ events/);
    });

    it('refuses a query that writes', async () => {
      const writer = parseDashboard('```sql w\ndelete from {{ ref("signups") }} returning *\n```\n', { name: 'w', file: 'dashboards/w.md' });
      const run = await runDashboard(writer, {}, ctx('w'));
      expect(run.queries['w']!.error).toBeDefined();
      expect((await wh.query(`select count(*) as n from ${wh.dialect.relation({ schema, name: 'signups' })}`)).rows[0]?.['n']).toBe(5);
    });
  });
}
