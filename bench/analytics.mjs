#!/usr/bin/env node
/**
 * Product analytics benchmark (issue #9, Speed; uses the built dist/: run `npm run build` first).
 *
 * Generates 10 M events of 50 k users, 20 event types over 90 days in a DuckDB
 * file, in SQL (setup, not timed), then times side by side, best of 3 each,
 * hand-written reference DuckDB SQL and Basin's generated SQL for:
 *   - DAU/WAU/MAU for each of the 90 days;
 *   - a 4-step sequential funnel with a 7-day window;
 *   - the same funnel broken down by a JSON property (first touch);
 *   - weekly retention for 12 weeks (first-time start event, return on any event).
 * Both sides must return the same numbers (checked), so they compute the same thing.
 *
 *   node bench/analytics.mjs [--events 10000000] [--users 50000] [--runs 3] [--memory] [--db file.duckdb]
 *
 * `--db` keeps the generated events in that file and reuses them on the next run
 * (generation takes about a minute at 10 M events).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const analytics = await import(path.join(root, 'dist/analytics/index.js'));
const { createDuckDbWarehouse } = await import(path.join(root, 'dist/warehouse/duckdb/index.js'));
const { silentLogger } = await import(path.join(root, 'dist/core/logger.js'));

const argv = process.argv.slice(2);
const arg = (name, def) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : def;
};
const eventCount = arg('events', 10_000_000);
const userCount = arg('users', 50_000);
const runs = arg('runs', 3);
const inMemory = argv.includes('--memory');
const dbIndex = argv.indexOf('--db');
const keptDb = dbIndex >= 0 ? path.resolve(argv[dbIndex + 1]) : undefined;

const DAYS = 90;
const FROM = '2026-01-01';
const TO = '2026-03-31'; // 90 days
const dir = mkdtempSync(path.join(tmpdir(), 'basin-bench-analytics-'));
const wh = await createDuckDbWarehouse({ path: keptDb ?? (inMemory ? ':memory:' : path.join(dir, 'bench.duckdb')), threads: 2 }, { logger: silentLogger });
const events = { relation: { schema: 'product', name: 'events' }, userColumn: 'user_id', eventColumn: 'event', timestampColumn: 'ts', propertiesColumn: 'properties' };
const name = (k) => `event_${String(k).padStart(2, '0')}`;

/**
 * Users have a skewed activity level (some very active, most occasional);
 * event types are skewed too (event_01 the most common); times are uniform
 * over the 90 days at microsecond resolution, loaded in time order.
 */
const generate = `CREATE TABLE product.events AS
  WITH r AS (
    SELECT i,
           CAST(floor(${userCount} * pow(hash(i) / 18446744073709551615.0, 2)) AS BIGINT) AS user_n,
           least(19, CAST(floor(20 * pow(hash(i + 1000000000000) / 18446744073709551615.0, 1.5)) AS INTEGER)) AS event_n,
           CAST(hash(i + 2000000000000) % ${DAYS * 86_400_000_000} AS BIGINT) AS offset_us,
           CAST(hash(i + 3000000000000) % 1000 AS BIGINT) AS p
    FROM range(${eventCount}) AS t(i))
  SELECT 'user_' || user_n AS user_id,
         'event_' || lpad(CAST(event_n + 1 AS VARCHAR), 2, '0') AS event,
         TIMESTAMP '${FROM} 00:00:00' + to_microseconds(offset_us) AS ts,
         CAST('{"plan":"' || (['free', 'pro', 'team'])[1 + p % 3] || '","country":"' || (['de', 'fr', 'us', 'br', 'jp'])[1 + p % 5] || '"}' AS JSON) AS properties
  FROM r ORDER BY ts`;

const reference = {
  // Distinct active days per user, then each calendar day joined to the user-days of its trailing 30 days.
  active: `WITH d AS (SELECT DISTINCT user_id, CAST(ts AS DATE) AS day FROM product.events WHERE ts >= DATE '${FROM}' - 29 AND ts < DATE '${TO}' + 1),
      cal AS (SELECT CAST(range AS DATE) AS day FROM range(DATE '${FROM}', DATE '${TO}' + 1, INTERVAL 1 DAY))
    SELECT cal.day,
           count(DISTINCT d.user_id) FILTER (WHERE d.day = cal.day) AS dau,
           count(DISTINCT d.user_id) FILTER (WHERE d.day > cal.day - 7) AS wau,
           count(DISTINCT d.user_id) AS mau
    FROM cal JOIN d ON d.day BETWEEN cal.day - 29 AND cal.day GROUP BY cal.day ORDER BY cal.day`,
  // Steps chained by range joins (the next step's earliest time after the previous one, within 7 days of step 1);
  // per user the attempt with the most steps, the earliest on ties.
  funnel: (breakdown) => `WITH e AS (SELECT user_id AS u, ts, event${breakdown ? `, json_extract_string(properties, '$.plan') AS plan` : ''} FROM product.events
        WHERE event IN ('event_01', 'event_02', 'event_03', 'event_04') AND ts >= TIMESTAMP '${FROM}' AND ts < TIMESTAMP '${TO}' + INTERVAL 8 DAY),
      s1 AS (SELECT u, ts AS t1${breakdown ? ', min(plan) AS plan' : ''} FROM e WHERE event = 'event_01' AND ts < TIMESTAMP '${TO}' + INTERVAL 1 DAY GROUP BY u, ts),
      s2 AS (SELECT s1.*, min(e.ts) AS t2 FROM s1 LEFT JOIN e ON e.u = s1.u AND e.event = 'event_02' AND e.ts > s1.t1 AND e.ts <= s1.t1 + INTERVAL 7 DAY GROUP BY ALL),
      s3 AS (SELECT s2.*, min(e.ts) AS t3 FROM s2 LEFT JOIN e ON e.u = s2.u AND e.event = 'event_03' AND e.ts > s2.t2 AND e.ts <= s2.t1 + INTERVAL 7 DAY GROUP BY ALL),
      s4 AS (SELECT s3.*, min(e.ts) AS t4 FROM s3 LEFT JOIN e ON e.u = s3.u AND e.event = 'event_04' AND e.ts > s3.t3 AND e.ts <= s3.t1 + INTERVAL 7 DAY GROUP BY ALL),
      best AS (SELECT arg_min(s4, (-((t2 IS NOT NULL)::INT + (t3 IS NOT NULL)::INT + (t4 IS NOT NULL)::INT), t1)) AS a FROM s4 GROUP BY u)
    SELECT ${breakdown ? 'a.plan' : 'NULL'} AS grp, count(*) AS n1, count(a.t2) AS n2, count(a.t3) AS n3, count(a.t4) AS n4,
           avg(epoch(a.t4) - epoch(a.t1)) AS avg_total, median(epoch(a.t4) - epoch(a.t1)) AS med_total
    FROM best GROUP BY ALL ORDER BY n1 DESC`,
  // First start week per user, distinct active weeks per user, joined; weeks starting after the last event are empty (NULL).
  retention: `WITH cohorts AS (SELECT user_id, CAST(date_trunc('week', min(ts)) AS DATE) AS cohort FROM product.events WHERE event = 'event_01' GROUP BY user_id),
      weeks AS (SELECT DISTINCT user_id, CAST(date_trunc('week', ts) AS DATE) AS week FROM product.events),
      sizes AS (SELECT cohort, count(*) AS users FROM cohorts GROUP BY cohort),
      ret AS (SELECT c.cohort, CAST((w.week - c.cohort) / 7 AS INTEGER) AS k, count(*) AS retained FROM cohorts c JOIN weeks w ON w.user_id = c.user_id AND w.week > c.cohort AND w.week <= c.cohort + 84 GROUP BY ALL)
    SELECT s.cohort, s.users, g.k, CASE WHEN s.cohort + CAST(7 * g.k AS INTEGER) <= (SELECT CAST(max(ts) AS DATE) FROM product.events) THEN coalesce(r.retained, 0) END AS retained
    FROM sizes s CROSS JOIN range(1, 13) AS g(k) LEFT JOIN ret r ON r.cohort = s.cohort AND r.k = g.k ORDER BY s.cohort, g.k`,
};

const funnelSpec = (breakdown) => ({
  steps: [1, 2, 3, 4].map((k) => ({ event: name(k) })),
  windowSeconds: 7 * 86_400,
  range: { from: FROM, to: TO },
  ...(breakdown ? { breakdown: { property: 'plan' } } : {}),
});
const retentionSpec = { startEvent: { event: name(1) }, period: 'week', periods: 12 };
const activeSpec = { range: { from: FROM, to: TO } };

/** Best of `runs` wall times of `fn`, and its last value. */
async function best(fn) {
  let ms = Infinity;
  let value;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    value = await fn();
    ms = Math.min(ms, performance.now() - started);
  }
  return { ms, value };
}
const same = (label, a, b) => {
  if (JSON.stringify(a) !== JSON.stringify(b)) {
    console.error(`${label}: reference and generated SQL disagree\nreference: ${JSON.stringify(a).slice(0, 600)}\ngenerated: ${JSON.stringify(b).slice(0, 600)}`);
    process.exitCode = 1;
  }
};
const round = (x) => (x === null || x === undefined ? null : Math.round(Number(x) * 1000) / 1000);

try {
  const started = performance.now();
  const kept = (await wh.query("SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = 'product' AND table_name = 'events'")).rows[0];
  if (Number(kept?.n) === 0) await wh.execute(['CREATE SCHEMA IF NOT EXISTS product', generate]);
  const [{ n }] = (await wh.query('SELECT count(*) AS n FROM product.events')).rows;
  const how = Number(kept?.n) === 0 ? `generated in ${((performance.now() - started) / 1000).toFixed(1)} s` : `reused from ${keptDb}`;
  console.log(`${Number(n).toLocaleString('en-US')} events ${how} (${inMemory ? 'in memory' : 'DuckDB file'}, 2 threads)`);

  const rows = [];
  const measure = async (label, issueSeconds, refSql, generated, toComparable) => {
    const ref = await best(async () => (await wh.query(refSql)).rows);
    const gen = await best(generated);
    same(label, toComparable.ref(ref.value), toComparable.gen(gen.value));
    rows.push({ label, issueSeconds, refMs: ref.ms, genMs: gen.ms });
    console.log(`${label}: reference ${(ref.ms / 1000).toFixed(2)} s, generated ${(gen.ms / 1000).toFixed(2)} s`);
  };

  await measure('DAU/WAU/MAU, 90 days', 1.5, reference.active, () => analytics.runActiveUsers(wh, events, activeSpec), {
    ref: (rs) => rs.map((r) => [String(r.day), Number(r.dau), Number(r.wau), Number(r.mau)]),
    gen: (days) => days.map((d) => [d.day, d.dau, d.wau, d.mau]),
  });
  for (const breakdown of [false, true]) {
    await measure(`funnel, 4 steps, 7-day window${breakdown ? ', breakdown' : ''}`, breakdown ? 6.6 : 3.9, reference.funnel(breakdown), () => analytics.runFunnel(wh, events, funnelSpec(breakdown)), {
      ref: (rs) => rs.map((r) => [r.grp, Number(r.n1), Number(r.n2), Number(r.n3), Number(r.n4), round(r.avg_total), round(r.med_total)]),
      gen: (res) => res.groups.map((g) => [g.breakdown, ...g.steps.map((s) => s.users), round(g.avgSecondsToConvert), round(g.medianSecondsToConvert)]),
    });
  }
  await measure('weekly retention, 12 weeks', 1.3, reference.retention, () => analytics.runRetention(wh, events, retentionSpec), {
    ref: (rs) => rs.map((r) => [String(r.cohort), Number(r.users), Number(r.k), r.retained === null ? null : Number(r.retained)]),
    gen: (res) => res.cohorts.flatMap((c) => c.retained.slice(1).map((x, i) => [c.cohort, c.users, i + 1, x])),
  });

  const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
  console.log(`\n| query | issue's reference | hand-written reference (this run) | Basin generated (this run) | generated / reference |`);
  console.log('| --- | ---: | ---: | ---: | ---: |');
  for (const r of rows) console.log(`| ${r.label} | ${r.issueSeconds.toFixed(1)} s | ${s(r.refMs)} | ${s(r.genMs)} | ${(r.genMs / r.refMs).toFixed(2)} |`);
  console.log(`\nbest of ${runs} runs each`);
} finally {
  await wh.close();
  rmSync(dir, { recursive: true, force: true });
}
