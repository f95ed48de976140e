import type { SqlDialect } from '../warehouse/dialect.js';
import { analyticsDialect } from './analytics-dialect.js';
import type { EventsSpec } from './events-spec.js';
import { addDays, checkDay, EventsSource } from './events-source.js';
import { checkFunnelSpec, type FunnelSpec } from './funnel-spec.js';
import { SqlParams, type GeneratedSql } from './generated-sql.js';

const range1 = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);

/**
 * The funnel as one SELECT returning one row per breakdown value (`grp`):
 * `users_<k>` reaching step k, `avg_<k>` / `med_<k>` seconds from step k-1
 * to step k (k >= 2), and `avg_total` / `med_total` from step 1 to the last.
 *
 * Attempts: one per distinct time of a first-step event (any step event for
 * `any` order). Each later step is the user's first matching event after the
 * previous one (strictly later; at or after the start for `any`), within the
 * window from the first step. Each user counts once, by the attempt reaching
 * the most steps, the earliest such attempt on ties.
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
  const text = sqlDialect.typeFor('text');
  const double = sqlDialect.typeFor('double');

  const window = src.integer(spec.windowSeconds * 1_000_000);
  const afterDays = Math.ceil(spec.windowSeconds / 86_400);
  const range = spec.range ?? {};
  const scanRange = src.inDays(range, { afterDays });
  const startsInRange = range.to ? `${src.timestamp} < ${src.timestampParam(addDays(checkDay(range.to, 'to'), 1))}` : 'TRUE';
  const names = [...spec.steps.map((s) => s.event), ...exclusions.map((x) => x.event)];

  const ev =
    `SELECT ${src.user} AS u, ${src.micros} AS t, ${spec.breakdown ? src.breakdown(spec.breakdown) : `CAST(NULL AS ${text})`} AS b, ` +
    `${startsInRange} AS st, ` +
    steps.map((k) => `${src.matches(spec.steps[k - 1]!)} AS m${k}`).join(', ') +
    exclusions.map((x, i) => `, ${src.matches(x)} AS x${i + 1}`).join('') +
    ` FROM ${src.relation} WHERE ${src.user} IS NOT NULL AND ${src.timestamp} IS NOT NULL AND ${scanRange}` +
    (order === 'strict' ? '' : ` AND ${src.eventIn(names)}`);

  const ctes: Array<[string, string]> = [['ev', ev]];
  const stepRel = (k: number): string => `SELECT u, t, min(b) AS b FROM ev WHERE m${k}${k === 1 && order !== 'any' ? ' AND st' : ''} GROUP BY u, t`;
  for (const k of steps) ctes.push([`s${k}`, stepRel(k)]);
  exclusions.forEach((_, i) => ctes.push([`x${i + 1}`, `SELECT DISTINCT u, t, CAST(NULL AS ${text}) AS b FROM ev WHERE x${i + 1}`]));
  const inWindow = (col: string, start: string): string => `CASE WHEN ${col} <= ${start} + ${window} THEN`;

  let last: string;
  if (order === 'any') {
    ctes.push(['a0', `SELECT u, t AS p0 FROM ev WHERE st AND (${steps.map((k) => `m${k}`).join(' OR ')}) GROUP BY u, t`]);
    last = 'a0';
    for (const k of steps) {
      ctes.push([`j${k}`, dialect.nextEventJoin(last, 'p0', `s${k}`, '>=', `r${k}`)]);
      ctes.push([`h${k}`, `SELECT *, ${inWindow(`r${k}_t`, 'p0')} r${k}_t END AS q${k}_t, ${inWindow(`r${k}_t`, 'p0')} r${k}_b END AS q${k}_b FROM j${k}`]);
      last = `h${k}`;
    }
    ctes.push(['reach', steps.map((k) => `SELECT u, p0, ${k} AS k, q${k}_t AS t, q${k}_b AS b FROM ${last} WHERE q${k}_t IS NOT NULL`).join(' UNION ALL ')]);
    ctes.push(['ranked', 'SELECT u, p0, t, b, row_number() OVER (PARTITION BY u, p0 ORDER BY t, k) AS j FROM reach']);
    ctes.push([
      'attempts',
      `SELECT u, count(*) AS depth, ${steps.map((k) => `max(CASE WHEN j = ${k} THEN t END) AS p${k}_t, max(CASE WHEN j = ${k} THEN b END) AS p${k}_b`).join(', ')} ` +
        'FROM ranked GROUP BY u, p0',
    ]);
  } else {
    ctes.push(['g1', 'SELECT u, t AS p1_t, b AS p1_b FROM s1']);
    if (order === 'strict') ctes.push(['tsn', 'SELECT u, t, lead(t) OVER (PARTITION BY u ORDER BY t) AS nt FROM (SELECT DISTINCT u, t FROM ev) d']);
    for (const k of steps.slice(1)) {
      if (order === 'strict') {
        ctes.push([
          `g${k}`,
          `SELECT g.*, ${inWindow('s.t', 'g.p1_t')} s.t END AS p${k}_t, ${inWindow('s.t', 'g.p1_t')} s.b END AS p${k}_b FROM g${k - 1} g ` +
            `LEFT JOIN tsn n ON n.u = g.u AND n.t = g.p${k - 1}_t LEFT JOIN s${k} s ON s.u = g.u AND s.t = n.nt`,
        ]);
      } else {
        ctes.push([`j${k}`, dialect.nextEventJoin(`g${k - 1}`, `p${k - 1}_t`, `s${k}`, '>', `r${k}`)]);
        ctes.push([`g${k}`, `SELECT *, ${inWindow(`r${k}_t`, 'p1_t')} r${k}_t END AS p${k}_t, ${inWindow(`r${k}_t`, 'p1_t')} r${k}_b END AS p${k}_b FROM j${k}`]);
      }
    }
    last = `g${n}`;
    exclusions.forEach((x, i) => {
      ctes.push([`e${i + 1}`, dialect.nextEventJoin(last, `p${x.fromStep}_t`, `x${i + 1}`, '>', `y${i + 1}`)]);
      last = `e${i + 1}`;
    });
    const disqualified = exclusions.map(
      (x, i) =>
        `(y${i + 1}_t IS NOT NULL AND p${x.fromStep}_t IS NOT NULL AND ` +
        `CASE WHEN p${x.toStep}_t IS NOT NULL THEN y${i + 1}_t < p${x.toStep}_t ELSE y${i + 1}_t <= p1_t + ${window} END)`,
    );
    const depth = `CASE ${steps.slice(1).reverse().map((k) => `WHEN p${k}_t IS NOT NULL THEN ${k}`).join(' ')} ELSE 1 END`;
    ctes.push([
      'attempts',
      `SELECT u, ${depth} AS depth, ${steps.map((k) => `p${k}_t, p${k}_b`).join(', ')} FROM ${last}` +
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
  ctes.push(['best', 'SELECT *, row_number() OVER (PARTITION BY u ORDER BY depth DESC, p1_t) AS rk FROM attempts']);
  ctes.push(['users', `SELECT depth, ${steps.map((k) => `p${k}_t`).join(', ')}, ${grp} AS grp FROM best WHERE rk = 1`]);

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
