import type { SqlDialect } from '../warehouse/dialect.js';
import { analyticsDialect } from './analytics-dialect.js';
import type { EventsSpec } from './events-spec.js';
import { addDays, checkDay, EventsSource } from './events-source.js';
import { checkFunnelSpec, type FunnelSpec } from './funnel-spec.js';
import { SqlParams, type GeneratedSql } from './generated-sql.js';

const range1 = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);

/** Ranks attempts: more steps first, then the earliest start (depth <= 20, |micros| < 5e16). */
const DEPTH_WEIGHT = '100000000000000000';

/**
 * The funnel as one SELECT returning one row per breakdown value (`grp`):
 * `users_<k>` reaching step k, `avg_<k>` / `med_<k>` seconds from step k-1
 * to step k (k >= 2), and `avg_total` / `med_total` from step 1 to the last.
 *
 * Attempts: one per distinct time of a first-step event (any step event for
 * `any` order). Each later step is the user's first matching event after the
 * previous one (strictly later; at or after the start for `any`; for `strict`
 * the user's next event time), within the window from the first step. Each
 * user counts once, by the attempt reaching the most steps, the earliest such
 * attempt on ties.
 *
 * How: the step (and exclusion) events are grouped by (user, time) once; one
 * window pass per user in time order gives, for every such time, the next
 * time of each step; an attempt then walks its steps by equality joins on
 * (user, time). No range or ASOF joins.
 */
export function funnelSql(sqlDialect: SqlDialect, events: EventsSpec, spec: FunnelSpec): GeneratedSql {
  checkFunnelSpec(spec);
  const params = new SqlParams(sqlDialect);
  const dialect = analyticsDialect(sqlDialect);
  const src = new EventsSource(events, dialect, params);
  const order = spec.order ?? 'sequential';
  const n = spec.steps.length;
  const steps = range1(n);
  const exclusions = spec.exclusions ?? [];
  const xs = range1(exclusions.length);
  const text = sqlDialect.typeFor('text');
  const double = sqlDialect.typeFor('double');

  const window = src.integer(spec.windowSeconds * 1_000_000);
  const range = spec.range ?? {};
  const scanRange = src.inDays(range, { afterDays: Math.ceil(spec.windowSeconds / 86_400) });
  const startsInRange = range.to ? `${src.timestamp} < ${src.timestampParam(addDays(checkDay(range.to, 'to'), 1))}` : 'TRUE';
  const flags = [...steps.map((k) => `m${k}`), ...xs.map((j) => `x${j}`)];

  const ev =
    `SELECT ${src.user} AS u, ${src.micros} AS t, ${spec.breakdown ? src.breakdown(spec.breakdown) : `CAST(NULL AS ${text})`} AS b, ` +
    `${startsInRange} AS st, ` +
    steps.map((k) => `${src.matches(spec.steps[k - 1]!)} AS m${k}`).join(', ') +
    exclusions.map((x, i) => `, ${src.matches(x)} AS x${i + 1}`).join('') +
    ` FROM ${src.relation} WHERE ${src.user} IS NOT NULL AND ${src.timestamp} IS NOT NULL AND ${scanRange}` +
    (order === 'strict' ? '' : ` AND ${src.eventIn([...spec.steps.map((s) => s.event), ...exclusions.map((x) => x.event)])}`);
  const ctes: Array<[string, string]> = [['ev', ev]];

  // One row per (user, time): which steps and exclusions happen then, and each step's breakdown value.
  const startFlag = order === 'any' ? `(${steps.map((k) => `m${k}`).join(' OR ')})` : 'm1';
  ctes.push([
    'st',
    `SELECT u, t, bool_or(st AND ${startFlag}) AS s0, ${flags.map((f) => `bool_or(${f}) AS ${f}`).join(', ')}, ` +
      `${steps.map((k) => `${spec.breakdown ? `min(CASE WHEN m${k} THEN b END)` : `CAST(NULL AS ${text})`} AS b${k}`).join(', ')} FROM ev` +
      (order === 'strict' ? '' : ` WHERE ${flags.join(' OR ')}`) +
      ' GROUP BY u, t',
  ]);
  // The next time (strictly later) of each step and exclusion, in one window pass per user.
  const next = (flag: string): string => dialect.nextTimeWhere(flag, 'u', 't');
  const nextCols =
    order === 'any'
      ? steps.map((k) => `CASE WHEN m${k} THEN t ELSE ${next(`m${k}`)} END AS f${k}`)
      : [
          ...(order === 'strict' ? ['lead(t) OVER (PARTITION BY u ORDER BY t) AS nt'] : steps.slice(1).map((k) => `${next(`m${k}`)} AS n${k}`)),
          ...xs.map((j) => `${next(`x${j}`)} AS y${j}`),
        ];
  ctes.push(['nx', `SELECT *, ${nextCols.join(', ')} FROM st`]);
  const within = (time: string, start: string): string => `${time} <= ${start} + ${window}`;

  if (order === 'any') {
    ctes.push(['a0', `SELECT u, t AS p0, ${steps.map((k) => `CASE WHEN ${within(`f${k}`, 't')} THEN f${k} END AS q${k}_t`).join(', ')} FROM nx WHERE s0`]);
    // The breakdown value of each reached step (only looked up when there is a breakdown).
    const joins = spec.breakdown ? steps.map((k) => ` LEFT JOIN nx v${k} ON v${k}.u = a.u AND v${k}.t = a.q${k}_t`).join('') : '';
    const value = (k: number): string => (spec.breakdown ? `v${k}.b${k}` : `CAST(NULL AS ${text})`);
    ctes.push(['a1', `SELECT a.*, ${steps.map((k) => `${value(k)} AS q${k}_b`).join(', ')} FROM a0 a${joins}`]);
    ctes.push(['reach', steps.map((k) => `SELECT u, p0, ${k} AS k, q${k}_t AS t, q${k}_b AS b FROM a1 WHERE q${k}_t IS NOT NULL`).join(' UNION ALL ')]);
    ctes.push(['ranked', 'SELECT u, p0, t, b, row_number() OVER (PARTITION BY u, p0 ORDER BY t, k) AS j FROM reach']);
    ctes.push([
      'attempts',
      `SELECT u, count(*) AS depth, ${steps.map((k) => `max(CASE WHEN j = ${k} THEN t END) AS p${k}_t, max(CASE WHEN j = ${k} THEN b END) AS p${k}_b`).join(', ')} ` +
        'FROM ranked GROUP BY u, p0',
    ]);
  } else {
    // Step k's candidate time (c<k>) comes from step k-1's row: the next step-k time, or (strict) the next
    // event time; NULL when it falls outside the window. The joins are then pure equalities (hash joins): a
    // condition on the left side only in a LEFT JOIN's ON turns DuckDB's plan into a nested loop.
    const candidate = (k: number, row: string, start: string): string => {
      const next = `${row}${order === 'strict' ? 'nt' : `n${k}`}`;
      return `CASE WHEN ${within(next, start)} THEN ${next} END AS c${k}`;
    };
    const excludedFrom = (k: number, row: string): string => exclusions.map((x, i) => (x.fromStep === k ? `, ${row}y${i + 1} AS e${i + 1}_t` : '')).join('');
    ctes.push(['g1', `SELECT u, t AS p1_t, b1 AS p1_b, ${candidate(2, '', 't')}${excludedFrom(1, '')} FROM nx WHERE s0`]);
    for (const k of steps.slice(1)) {
      const carry = k < n ? `, ${candidate(k + 1, 'x.', 'g.p1_t')}` : '';
      // Only step-k rows can match (a sequential candidate is a step-k time; strict needs one): a smaller hash table.
      const stepRows = `(SELECT * FROM nx WHERE m${k})`;
      ctes.push([
        `g${k}`,
        `SELECT g.*, x.t AS p${k}_t, x.b${k} AS p${k}_b${carry}${excludedFrom(k, 'x.')} FROM g${k - 1} g ` +
          `LEFT JOIN ${stepRows} x ON x.u = g.u AND x.t = g.c${k}`,
      ]);
    }
    const disqualified = exclusions.map(
      (x, i) => `(e${i + 1}_t IS NOT NULL AND CASE WHEN p${x.toStep}_t IS NOT NULL THEN e${i + 1}_t < p${x.toStep}_t ELSE ${within(`e${i + 1}_t`, 'p1_t')} END)`,
    );
    const depth = `CASE ${steps.slice(1).reverse().map((k) => `WHEN p${k}_t IS NOT NULL THEN ${k}`).join(' ')} ELSE 1 END`;
    ctes.push([
      'attempts',
      `SELECT u, ${depth} AS depth, ${steps.map((k) => `p${k}_t, p${k}_b`).join(', ')} FROM g${n}` +
        (disqualified.length > 0 ? ` WHERE NOT (${disqualified.join(' OR ')})` : ''),
    ]);
  }

  const attribution = spec.attribution ?? 'first_touch';
  const grp =
    attribution === 'first_touch'
      ? 'p1_b'
      : attribution === 'last_touch'
        ? `CASE depth ${steps.map((k) => `WHEN ${k} THEN p${k}_b`).join(' ')} END`
        : `p${attribution.step}_b`;
  ctes.push(['keyed', `SELECT *, depth * ${DEPTH_WEIGHT} - p1_t AS rank_key FROM attempts`]);
  ctes.push(['best', 'SELECT u, max(rank_key) AS rank_key FROM keyed GROUP BY u']);
  ctes.push(['users', `SELECT k.depth, ${steps.map((s) => `k.p${s}_t`).join(', ')}, ${grp.replace(/\b(p\d+_b|depth)\b/g, 'k.$1')} AS grp FROM keyed k JOIN best w ON w.u = k.u AND w.rank_key = k.rank_key`]);

  const seconds = (diff: string, minDepth: number): string => `CAST(CASE WHEN depth >= ${minDepth} THEN ${diff} END AS ${double}) / 1000000.0`;
  const cols = ['grp'];
  for (const k of steps) {
    cols.push(`sum(CASE WHEN depth >= ${k} THEN 1 ELSE 0 END) AS users_${k}`);
    if (k > 1) {
      cols.push(`avg(${seconds(`p${k}_t - p${k - 1}_t`, k)}) AS avg_${k}`);
      cols.push(`${dialect.median(seconds(`p${k}_t - p${k - 1}_t`, k))} AS med_${k}`);
    }
  }
  cols.push(`avg(${seconds(`p${n}_t - p1_t`, n)}) AS avg_total`, `${dialect.median(seconds(`p${n}_t - p1_t`, n))} AS med_total`);

  const sql = `WITH ${ctes.map(([name, body]) => `${name} AS (${body})`).join(',\n')}\nSELECT ${cols.join(', ')} FROM users GROUP BY grp`;
  return { sql, params: params.values };
}
