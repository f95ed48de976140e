#!/usr/bin/env node
/**
 * Forecast and classifier materialization benchmark (uses the bundle: run `npm run bundle` first).
 *
 * Builds a DuckDB project whose models generate their input in SQL:
 * `forecast_bench` (S series of two years of daily values with a trend, weekly
 * and yearly seasonality and noise; MSTL with periods 7 and 365, horizon 28,
 * plus the backtest and the SQL baseline) and `classifier_bench` (N rows,
 * 6 features, logistic regression and random forest). Prints each model's
 * time and its evaluation.
 *
 *   node bench/predict.mjs [--series 10] [--rows 5000]
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { main } = await import(path.join(root, 'dist/bundle/main.js'));

const argv = process.argv.slice(2);
const arg = (name, def) => (argv.includes(`--${name}`) ? Number(argv[argv.indexOf(`--${name}`) + 1]) : def);
const series = arg('series', 10);
const rows = arg('rows', 5000);

class Capture extends Writable {
  text = '';
  _write(chunk, _enc, done) {
    this.text += chunk.toString();
    done();
  }
}
async function basin(args, dir) {
  const stdout = new Capture();
  const stderr = new Capture();
  const code = await main(args, { stdout, stderr, cwd: dir });
  if (code !== 0) throw new Error(`basin ${args.join(' ')} exited ${code}: ${stdout.text}${stderr.text}`);
  return stdout.text;
}

const dir = mkdtempSync(path.join(tmpdir(), 'basin-bench-predict-'));
try {
  mkdirSync(path.join(dir, 'models'));
  writeFileSync(path.join(dir, 'basin.yml'), 'name: bench_predict\n');
  writeFileSync(
    path.join(dir, 'models/forecast_bench.sql'),
    `{{ config(materialized='forecast', time_column='day', value_column='amount', series_by=['series'], horizon=28) }}
select cast('2023-01-01' as date) + cast(t as integer) as day, 's' || cast(s as varchar) as series,
  100 + 10 * s + 0.05 * t + 8 * sin(2 * pi() * t / 7) + 15 * sin(2 * pi() * t / 365.0)
    + 3 * (cast(hash(s * 100000 + t) % 1000 as double) / 1000 - 0.5) as amount
from range(730) a(t), range(${series}) b(s)`,
  );
  const features = `select i as id,
  cast(hash(i * 11 + 1) % 1000 as double) / 1000 as f1, cast(hash(i * 11 + 2) % 1000 as double) / 1000 as f2,
  cast(hash(i * 11 + 3) % 1000 as double) / 1000 as f3, cast(hash(i * 11 + 4) % 1000 as double) / 1000 as f4,
  cast(hash(i * 11 + 5) % 1000 as double) / 1000 as f5, hash(i * 11 + 6) % 2 = 0 as f6,
  case when i % 10 = 0 then null
       when cast(hash(i * 11 + 7) % 1000 as double) / 1000 < 1 / (1 + exp(-(3 * (cast(hash(i * 11 + 1) % 1000 as double) / 1000) - 2 * (cast(hash(i * 11 + 2) % 1000 as double) / 1000) - 0.5))) then 1 else 0 end as label
from range(${rows}) t(i)`;
  for (const algorithm of ['logistic_regression', 'random_forest']) {
    writeFileSync(
      path.join(dir, `models/classifier_${algorithm}.sql`),
      `{{ config(materialized='classifier', id_column='id', label_column='label', algorithm='${algorithm}') }}\n${features}`,
    );
  }
  const run = JSON.parse(await basin(['run', '--project', dir, '--json', '--threads', '1'], dir));
  for (const r of run.results) console.log(`${r.unique_id}: ${r.execution_time.toFixed(2)} s  ${r.message}`);
  const evaluation = async (sql) => JSON.parse(await basin(['query', sql, '--project', dir, '--json'], dir));
  const f = await evaluation('select avg(mape) as mape, avg(baseline_mape) as baseline_mape, avg(interval_coverage) as coverage, avg(baseline_interval_coverage) as baseline_coverage from forecast_bench__evaluation');
  console.log(`forecast backtest (mean over ${series} series): MAPE ${(100 * f[0].mape).toFixed(2)}% vs seasonal-naive ${(100 * f[0].baseline_mape).toFixed(2)}%, 95% interval coverage ${f[0].coverage.toFixed(2)} vs ${f[0].baseline_coverage.toFixed(2)}`);
  for (const algorithm of ['logistic_regression', 'random_forest']) {
    const [c] = await evaluation(`select auc, log_loss, accuracy from classifier_${algorithm}__evaluation`);
    console.log(`${algorithm}: test AUC ${c.auc.toFixed(3)}, log loss ${c.log_loss.toFixed(3)}, accuracy ${c.accuracy.toFixed(3)}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
