import { afterAll, describe, expect, it } from 'vitest';
import { basin, postgresWarehouseYaml, queryRows, tempDir, uniqueSchema, writeFiles } from '../support/cli-harness.js';
import { dropSchemas } from '../support/postgres.js';

/** 26 weeks of daily sales: trend + weekly pattern + deterministic wiggle, with one missing day. */
function dailySales(): string {
  const weekly = [0, 14, 20, 16, 9, -28, -31];
  const lines = ['day,store,amount'];
  for (let t = 0; t < 182; t++) {
    const day = new Date(Date.UTC(2024, 0, 1 + t)).toISOString().slice(0, 10);
    if (day === '2024-03-05') continue;
    for (const [store, scale] of [['north', 1], ['south', 1.5]] as const) {
      const amount = scale * (300 + 0.8 * t + weekly[t % 7]!) + 4 * Math.sin(t * 1.7);
      lines.push(`${day},${store},${amount.toFixed(2)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** 300 accounts whose churn follows logins and tickets; every 12th unlabeled. */
function accounts(): string {
  const lines = ['account_id,logins,tickets,on_annual_plan,plan,churned'];
  let s = 17;
  const u = () => (s = (s * 16807) % 2147483647) / 2147483647;
  for (let i = 1; i <= 300; i++) {
    const logins = Math.floor(u() * 40);
    const tickets = Math.floor(u() * 8);
    const annual = u() < 0.3;
    const p = 1 / (1 + Math.exp(-(-0.5 - 0.12 * (logins - 20) + 0.5 * (tickets - 4) - (annual ? 1 : 0))));
    const churned = i % 12 === 0 ? '' : u() < p ? '1' : '0';
    lines.push(`acct_${i},${logins},${tickets},${annual},${annual ? 'annual' : 'monthly'},${churned}`);
  }
  return `${lines.join('\n')}\n`;
}

const project = (warehouse: string) => ({
  'basin.yml': `name: predictions\n${warehouse}`,
  'seeds/daily_sales.csv': dailySales(),
  'seeds/accounts.csv': accounts(),
  'models/sales_forecast.sql': [
    "{{ config(materialized='forecast', time_column='day', value_column='amount', series_by=['store'], horizon=14, interval=0.9) }}",
    "select day, store, amount from {{ ref('daily_sales') }}",
  ].join('\n'),
  'models/account_churn.sql': "select account_id, logins, tickets, on_annual_plan, churned from {{ ref('accounts') }}",
  'models/account_churn_forest.sql': "select * from {{ ref('accounts') }}",
  'models/_predictions.yml': [
    'version: 2',
    'models:',
    '  - name: account_churn',
    '    config: { materialized: classifier, id_column: account_id, label_column: churned }',
    '  - name: account_churn_forest',
    '    config:',
    '      materialized: classifier',
    '      id_column: account_id',
    '      label_column: churned',
    '      algorithm: random_forest',
    '      features: [logins, tickets, on_annual_plan]',
    '      seed: 7',
    '  - name: uses_forecast',
    '    config: { materialized: view }',
  ].join('\n'),
  'models/uses_forecast.sql': "select store, sum(yhat) as next_two_weeks from {{ ref('sales_forecast') }} where kind = 'forecast' group by store",
});

async function check(warehouse: string): Promise<void> {
  const { dir, cleanup } = await tempDir('basin-predict-');
  try {
    await writeFiles(dir, project(warehouse));
    const seeded = await basin(['seed', '--project', dir], dir);
    expect(seeded.code, seeded.stdout + seeded.stderr).toBe(0);
    const run = await basin(['run', '--project', dir, '--json'], dir);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const results = (JSON.parse(run.stdout) as { results: Array<{ unique_id: string; message: string }> }).results;
    expect(results.find((r) => r.unique_id === 'model.predictions.sales_forecast')?.message).toMatch(/^FORECAST 14 day\(s\) x 2 series/);

    const counts = await queryRows(dir, 'select store, kind, count(*) as n, min(day) as first, max(day) as last from sales_forecast group by 1, 2 order by 1, 2');
    expect(counts).toEqual([
      { store: 'north', kind: 'actual', n: 181, first: '2024-01-01', last: '2024-06-30' },
      { store: 'north', kind: 'forecast', n: 14, first: '2024-07-01', last: '2024-07-14' },
      { store: 'south', kind: 'actual', n: 181, first: '2024-01-01', last: '2024-06-30' },
      { store: 'south', kind: 'forecast', n: 14, first: '2024-07-01', last: '2024-07-14' },
    ]);
    const evaluation = await queryRows(dir, 'select * from sales_forecast__evaluation order by store');
    expect(evaluation).toHaveLength(2);
    for (const row of evaluation) {
      expect(row).toMatchObject({ method: 'mstl', grain: 'day', history_periods: 182, holdout_periods: 14, seasonal_periods: '7', baseline_season: 7 });
      expect(row.mape as number).toBeLessThan(0.02);
      expect(row.mape as number).toBeLessThan(row.baseline_mape as number);
    }
    const downstream = await queryRows(dir, 'select * from uses_forecast order by store');
    expect(downstream.map((r) => r.store)).toEqual(['north', 'south']);

    const [lr] = await queryRows(dir, 'select * from account_churn__evaluation');
    expect(lr).toMatchObject({ algorithm: 'logistic_regression', features: 'logins,tickets,on_annual_plan', unlabeled_rows: 25 });
    expect(lr!.auc as number).toBeGreaterThan(0.75);
    const splits = await queryRows(dir, 'select split, count(*) as n from account_churn group by 1 order by 1');
    expect(splits.map((r) => r.split)).toEqual(['test', 'train', 'unlabeled']);
    const calibration = await queryRows(dir, 'select sum(rows) as n, count(*) as bins from account_churn__calibration');
    expect(calibration).toEqual([{ n: splits[0]!.n, bins: 10 }]);
    const [rf] = await queryRows(dir, 'select * from account_churn_forest__evaluation');
    expect(rf).toMatchObject({ algorithm: 'random_forest', features: 'logins,tickets,on_annual_plan' });
    expect(rf!.auc as number).toBeGreaterThan(0.7);

    // A text feature is refused with the model and column named; the other models still build.
    await writeFiles(dir, {
      'models/account_churn.sql': "{{ config(features=['logins', 'plan']) }}\nselect account_id, logins, plan, churned from {{ ref('accounts') }}",
    });
    const refused = await basin(['run', '--project', dir, '--select', 'account_churn'], dir);
    expect(refused.code).toBe(1);
    expect(refused.stdout + refused.stderr).toMatch(/model account_churn: feature 'plan' is text, not numeric or boolean/);
  } finally {
    await cleanup();
  }
}

describe('forecast and classifier materializations through the CLI', () => {
  it('DuckDB: builds forecasts and scores with their evaluation tables', async () => {
    await check('');
  }, 120_000);

  const prefix = 'basin_predict_';
  afterAll(() => dropSchemas(prefix));
  it('Postgres: the same', async () => {
    await check(postgresWarehouseYaml(uniqueSchema(prefix)));
  }, 120_000);
});
