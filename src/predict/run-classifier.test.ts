import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../core/logger.js';
import { createDuckDbWarehouse } from '../warehouse/duckdb/index.js';
import type { Warehouse } from '../warehouse/warehouse.js';
import { rocAuc } from './classifier-metrics.js';
import { runClassifier } from './run-classifier.js';

let warehouse: Warehouse;
const target = { schema: 'clf', name: 'churn' };

/**
 * 600 accounts: churn is likelier with few logins and many tickets (a known
 * logistic model), every tenth account unlabeled, plus a constant column and
 * a text column that default feature selection skips.
 */
const accounts = (n: number): string => `
  with base as (
    select i as account_id,
      cast(hash(i * 7 + 1) % 1000 as double) / 1000 as u1,
      cast(hash(i * 7 + 2) % 1000 as double) / 1000 as u2,
      cast(hash(i * 7 + 3) % 1000 as double) / 1000 as u3
    from range(${n}) t(i)
  )
  select account_id,
    cast(floor(u1 * 30) as integer) as logins_30d,
    cast(floor(u2 * 6) as integer) as tickets,
    u1 > 0.9 as is_enterprise,
    1 as constant_one,
    'x' as plan_name,
    case when account_id % 10 = 0 then null
         when u3 < 1 / (1 + exp(-(-1.0 - 4.0 * (u1 - 0.5) + 0.8 * (floor(u2 * 6) - 2.5)))) then 1 else 0 end as churned
  from base`;
const ACCOUNTS = accounts(600);

beforeAll(async () => {
  warehouse = await createDuckDbWarehouse({ path: ':memory:', threads: 1 }, { logger: silentLogger });
  await warehouse.execute('create schema clf');
});
afterAll(() => warehouse.close());

describe('runClassifier', () => {
  for (const algorithm of ['logistic_regression', 'random_forest'] as const) {
    it(`${algorithm}: scores every account, evaluates on the test split, and calibrates`, async () => {
      const outcome = await runClassifier({
        warehouse,
        model: 'churn',
        config: { materialized: 'classifier', id_column: 'account_id', label_column: 'churned', algorithm, seed: 3 },
        target,
        sql: ACCOUNTS,
      });
      expect(outcome.rows).toBe(600);
      const splits = await warehouse.query<{ split: string; n: number; labeled: number }>(
        'select split, count(*) as n, count(label) as labeled from clf.churn group by 1 order by 1',
      );
      expect(splits.rows.find((r) => r.split === 'unlabeled')).toEqual({ split: 'unlabeled', n: 60, labeled: 0 });
      const test = splits.rows.find((r) => r.split === 'test')!;
      expect(test.n / 540).toBeGreaterThan(0.18);
      expect(test.n / 540).toBeLessThan(0.32);
      const [evaluation] = (await warehouse.query<Record<string, unknown>>('select * from clf.churn__evaluation')).rows;
      expect(evaluation).toMatchObject({ algorithm, features: 'logins_30d,tickets,is_enterprise,constant_one', test_rows: test.n, unlabeled_rows: 60 });
      const scored = await warehouse.query<{ score: number; label: number }>(`select score, label from clf.churn where split = 'test'`);
      expect(evaluation!.auc).toBeCloseTo(rocAuc(scored.rows.map((r) => r.score), scored.rows.map((r) => r.label))!, 12);
      expect(evaluation!.auc as number).toBeGreaterThan(0.7);
      // Forest scores are vote shares: sharper than logistic probabilities, so only the regression beats the coin's log loss.
      if (algorithm === 'logistic_regression') expect(evaluation!.log_loss as number).toBeLessThan(Math.log(2));
      else {
        expect(Number.isFinite(evaluation!.log_loss)).toBe(true);
        // Vote shares of all 50 trees.
        const all = await warehouse.query<{ score: number }>('select score from clf.churn');
        expect(all.rows.every((r) => Math.abs(r.score * 50 - Math.round(r.score * 50)) < 1e-9)).toBe(true);
      }
      const calibration = await warehouse.query<{ rows: number }>('select * from clf.churn__calibration order by bin');
      expect(calibration.rows).toHaveLength(10);
      expect(calibration.rows.reduce((n, r) => n + r.rows, 0)).toBe(test.n);
      const bad = await warehouse.query(`select * from clf.churn where score < 0 or score > 1 or predicted <> (score >= 0.5)`);
      expect(bad.rows).toEqual([]);
    });
  }

  it('gives the same split and scores on a rerun (deterministic), also with a forest grown on row samples (> 500 training rows)', async () => {
    const config = { materialized: 'classifier', id_column: 'account_id', label_column: 'churned', algorithm: 'random_forest', seed: 9 };
    const sql = accounts(900);
    await runClassifier({ warehouse, model: 'churn', config, target, sql });
    const first = await warehouse.query('select account_id, split, score from clf.churn order by account_id');
    await runClassifier({ warehouse, model: 'churn', config, target, sql });
    const second = await warehouse.query('select account_id, split, score from clf.churn order by account_id');
    expect(second.rows).toEqual(first.rows);
    const [evaluation] = (await warehouse.query<{ train_rows: number; auc: number }>('select train_rows, auc from clf.churn__evaluation')).rows;
    expect(evaluation!.train_rows).toBeGreaterThan(500);
    expect(evaluation!.auc).toBeGreaterThan(0.7);
  });

  it('refuses a text feature, a single class and too few rows, naming the model and column', async () => {
    const config = { materialized: 'classifier', id_column: 'account_id', label_column: 'churned' };
    await expect(runClassifier({ warehouse, model: 'm1', config: { ...config, features: ['logins_30d', 'plan_name'] }, target, sql: ACCOUNTS })).rejects.toThrow(
      /model m1: feature 'plan_name' is text, not numeric/,
    );
    await expect(
      runClassifier({ warehouse, model: 'm2', config, target, sql: `select account_id, logins_30d, 0 as churned from (${ACCOUNTS}) a` }),
    ).rejects.toThrow(/model m2: label_column 'churned' has one class only \(0\)/);
    await expect(
      runClassifier({ warehouse, model: 'm3', config, target, sql: `select * from (${ACCOUNTS}) a where account_id < 15` }),
    ).rejects.toThrow(/model m3: \d+ labeled row\(s\) in 'churned'; a classifier needs at least 20/);
    await expect(
      runClassifier({ warehouse, model: 'm4', config, target, sql: `select account_id, logins_30d, 'yes' as churned from (${ACCOUNTS}) a` }),
    ).rejects.toThrow(/model m4: label_column 'churned' must be 0\/1 or boolean/);
  });
});
