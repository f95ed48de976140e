/** `{{ ref('m') }}` and `{{ source('s', 't') }}` in a dashboard query replaced by relations, pure. */
import { BasinError } from '../core/errors.js';

const REF = /\{\{\s*ref\(\s*(['"])([^'"]+)\1(?:\s*,\s*(['"])([^'"]+)\3)?\s*\)\s*\}\}/g;
const SOURCE = /\{\{\s*source\(\s*(['"])([^'"]+)\1\s*,\s*(['"])([^'"]+)\3\s*\)\s*\}\}/g;

/** Replaces refs and sources; any other `{{ ... }}` is refused (dashboards are not Jinja templates). */
export function resolveDashboardRefs(sql: string, ctx: { relationOf(ref: string): string; sourceRelationOf(source: string, table: string): string }): string {
  const out = sql
    .replace(REF, (_m, _q, first: string, _q2, second: string | undefined) => ctx.relationOf(second ?? first))
    .replace(SOURCE, (_m, _q, source: string, _q2, table: string) => ctx.sourceRelationOf(source, table));
  const left = /\{\{[\s\S]*?\}\}/.exec(out);
  if (left) throw new BasinError('USAGE', `only {{ ref('model') }} and {{ source('source', 'table') }} can be used in a dashboard query, got ${left[0].slice(0, 80)}`);
  return out;
}

/** The models and sources that `queries` read, sorted. */
export function dashboardRefs(queries: readonly string[]): { refs: string[]; sources: Array<[string, string]> } {
  const refs = new Set<string>();
  const sources = new Map<string, [string, string]>();
  for (const sql of queries) {
    for (const m of sql.matchAll(REF)) refs.add(m[4] ?? m[2]!);
    for (const m of sql.matchAll(SOURCE)) sources.set(`${m[2]}.${m[4]}`, [m[2]!, m[4]!]);
  }
  return { refs: [...refs].sort(), sources: [...sources.values()].sort((a, b) => a.join('.').localeCompare(b.join('.'))) };
}
