/**
 * Runs a dashboard's queries for one set of input values: refs resolved to
 * relations, inputs bound as parameters, each query read-only in the
 * warehouse (in the project's schema), at most `maxRows` rows, through the
 * cache keyed by (SQL, parameters, data version). Dropdown option queries
 * run first (they may read date-range and text inputs), then every other
 * query concurrently. A failing query is reported on its charts; the others
 * still render. A run may be limited to some queries (the web UI asks for
 * each chart's query on its own, so a fast chart need not wait for a slow one).
 */
import { BasinError, errorMessage } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { QueryResult, Warehouse } from '../warehouse/warehouse.js';
import { bindInputs, inputReferences, type InputValue } from './bind-inputs.js';
import type { AnalysisBlock, Dashboard, InputBlock, QueryBlock } from './dashboard.js';
import { runAnalysisBlock } from './analysis-blocks.js';
import { eventsDayRange, type EventsSpec } from '../analytics/index.js';
import { toJson } from '../core/json-text.js';
import { queryCacheKey, type QueryCache } from './query-cache.js';
import { queryInputs } from './query-inputs.js';
import { ALL_OPTION, resolveInputs } from './resolve-inputs.js';
import { resolveDashboardRefs } from './resolve-refs.js';

/** Rows a dashboard query returns at most. */
export const DASHBOARD_MAX_ROWS = 50_000;

export interface DashboardRunContext {
  warehouse: Warehouse;
  /** The relation (quoted, qualified) of a model, seed or snapshot. */
  relationOf(ref: string): string;
  /** The relation of a dbt source table. */
  sourceRelationOf(source: string, table: string): string;
  /** Changes whenever an asset the dashboard reads is rebuilt (e.g. the last run ids of its upstream assets). */
  dataVersion: string;
  cache: QueryCache;
  /** Unqualified names resolve here. */
  defaultSchema?: string | undefined;
  /** The project's events (basin.yml `analytics:`), for analysis blocks. */
  events?: EventsSpec | undefined;
  today: Date;
  logger: Logger;
  signal?: AbortSignal | undefined;
  maxRows?: number | undefined;
}

/** One query's outcome. */
export interface DashboardQueryResult {
  columns: Array<{ name: string; type: string }>;
  rows: Array<Record<string, unknown>>;
  truncated: boolean;
  cached: boolean;
  ms: number;
  error?: string | undefined;
}

export interface DashboardRun {
  /** Each input's value and, for dropdowns, its options. */
  inputs: Array<{ name: string; type: InputBlock['type']; value: InputValue; options?: string[] | undefined }>;
  queries: Record<string, DashboardQueryResult>;
  dataVersion: string;
}

async function runQuery(query: QueryBlock, values: ReadonlyMap<string, InputValue>, ctx: DashboardRunContext): Promise<DashboardQueryResult> {
  const started = Date.now();
  const maxRows = ctx.maxRows ?? DASHBOARD_MAX_ROWS;
  try {
    const resolved = resolveDashboardRefs(query.sql, ctx).trim().replace(/;\s*$/, '');
    const bound = bindInputs(resolved, values, { query: query.name });
    const sql = `SELECT * FROM (\n${bound.sql}\n) AS basin_dashboard_query LIMIT ${maxRows + 1}`;
    const key = queryCacheKey(sql, bound.params, ctx.dataVersion);
    const { result, cached } = await ctx.cache.load(key, () =>
      ctx.warehouse.transaction((s) => s.query(sql, bound.params, ctx.signal ? { signal: ctx.signal } : {}), {
        readOnly: true,
        ...(ctx.defaultSchema ? { defaultSchema: ctx.defaultSchema } : {}),
        ...(ctx.signal ? { signal: ctx.signal } : {}),
      }),
    );
    const truncated = result.rows.length > maxRows;
    return {
      columns: result.columns.map((c) => ({ name: c.name, type: c.type })),
      rows: truncated ? result.rows.slice(0, maxRows) : result.rows,
      truncated,
      cached,
      ms: Date.now() - started,
    };
  } catch (err) {
    ctx.logger.warn(`dashboard query ${query.name} failed: ${errorMessage(err)}`);
    return { columns: [], rows: [], truncated: false, cached: false, ms: Date.now() - started, error: errorMessage(err) };
  }
}

function columnsOf(rows: readonly Record<string, unknown>[]): QueryResult['columns'] {
  const first = rows[0] ?? {};
  return Object.keys(first).map((name) => ({ name, type: typeof first[name] === 'number' ? 'DOUBLE' : 'VARCHAR', nullable: true }));
}

async function runAnalysis(block: AnalysisBlock, values: ReadonlyMap<string, InputValue>, ctx: DashboardRunContext): Promise<DashboardQueryResult> {
  const started = Date.now();
  try {
    const events = ctx.events;
    if (!events) throw new BasinError('USAGE', `${block.analysis} ${block.name} needs the project's events: add analytics: { events: { relation, user_id, event, timestamp } } to basin.yml`);
    const value = block.rangeInput ? values.get(block.rangeInput) : undefined;
    const range = value !== null && typeof value === 'object' ? value : undefined;
    const key = queryCacheKey(`analysis:${block.analysis}:${toJson(block.spec)}`, [range ?? null, events], ctx.dataVersion);
    const options = ctx.signal ? { signal: ctx.signal } : {};
    const { result, cached } = await ctx.cache.load(key, async () => {
      const rows = await ctx.warehouse.transaction(
        (session) => runAnalysisBlock(session, events, block, { range, eventsDays: () => eventsDayRange(session, events, options), signal: ctx.signal }),
        { readOnly: true, ...(ctx.defaultSchema ? { defaultSchema: ctx.defaultSchema } : {}), ...options },
      );
      return { columns: columnsOf(rows), rows, rowCount: rows.length };
    });
    return { columns: result.columns.map((c) => ({ name: c.name, type: c.type })), rows: result.rows, truncated: false, cached, ms: Date.now() - started };
  } catch (err) {
    ctx.logger.warn(`dashboard ${block.analysis} ${block.name} failed: ${errorMessage(err)}`);
    return { columns: [], rows: [], truncated: false, cached: false, ms: Date.now() - started, error: errorMessage(err) };
  }
}

/** Which queries a run computes. */
export interface DashboardRunOptions {
  /**
   * Only these queries (SQL or analysis names), plus the options queries of
   * the dropdowns they read; every query when absent. The run's `inputs`
   * then leave out a dropdown whose options query neither ran nor was asked
   * for, and its `queries` hold exactly these names.
   */
  queries?: readonly string[] | undefined;
}

/** The names of `wanted` that are no query of `dashboard`, checked: a USAGE error naming them. */
function checkQueryNames(dashboard: Dashboard, wanted: readonly string[]): void {
  const known = dashboard.blocks.flatMap((b) => (b.kind === 'query' || b.kind === 'analysis' ? [b.name] : []));
  const unknown = [...new Set(wanted.filter((n) => !known.includes(n)))];
  if (unknown.length > 0) {
    throw new BasinError('USAGE', `queries: no query ${unknown.join(', ')} on dashboard ${dashboard.name} (its queries: ${known.join(', ') || 'none'})`);
  }
}

/** Runs the queries of `dashboard` (every one, or `options.queries`) for the viewer's `chosen` input values. */
export async function runDashboard(
  dashboard: Dashboard,
  chosen: Readonly<Record<string, string | undefined>>,
  ctx: DashboardRunContext,
  options: DashboardRunOptions = {},
): Promise<DashboardRun> {
  if (options.queries) checkQueryNames(dashboard, options.queries);
  const wanted = options.queries ? new Set(options.queries) : undefined;
  const queries = dashboard.blocks.filter((b): b is QueryBlock => b.kind === 'query');
  const analyses = dashboard.blocks.filter((b): b is AnalysisBlock => b.kind === 'analysis' && (!wanted || wanted.has(b.name)));
  const allInputs = dashboard.blocks.filter((b): b is InputBlock => b.kind === 'input');
  const byName = new Map(queries.map((q) => [q.name, q]));
  const dropdowns = allInputs.filter((i) => i.type === 'dropdown');
  // With a subset, a dropdown filled by a query is resolved only when a wanted query reads it or its options query is wanted.
  const read = wanted ? new Set([...queryInputs(dashboard.blocks)].filter(([name]) => wanted.has(name)).flatMap(([, names]) => names)) : undefined;
  const needed = (input: InputBlock) => {
    const source = input.options;
    return !read || !source || !('query' in source) || read.has(input.name) || wanted!.has(source.query);
  };
  const inputs = allInputs.filter((i) => i.type !== 'dropdown' || needed(i));

  // Inputs that are not dropdowns first: option queries may read them.
  const early = resolveInputs(
    inputs.filter((i) => i.type !== 'dropdown'),
    chosen,
    { today: ctx.today, optionsOf: () => [] },
  );
  const results: Record<string, DashboardQueryResult> = {};
  const optionLists = new Map<string, string[]>();
  for (const input of inputs.filter((i) => i.type === 'dropdown')) {
    const source = input.options;
    if (!source) optionLists.set(input.name, []);
    else if ('values' in source) optionLists.set(input.name, source.values);
    else {
      const query = byName.get(source.query)!;
      const usesDropdown = inputReferences(query.sql).some((r) => dropdowns.some((d) => d.name === r.input));
      const result = usesDropdown
        ? { columns: [], rows: [], truncated: false, cached: false, ms: 0, error: `query ${query.name} fills dropdown ${input.name}, so it cannot read a dropdown itself` }
        : (results[query.name] ??= await runQuery(query, early, ctx));
      optionLists.set(input.name, result.rows.map((r) => r[source.column]).filter((v) => v !== null && v !== undefined).map(String));
    }
  }
  const values = resolveInputs(inputs, chosen, { today: ctx.today, optionsOf: (i) => optionLists.get(i.name) ?? [] });
  const pending = queries.filter((q) => results[q.name] === undefined && (!wanted || wanted.has(q.name)));
  const [done, analysed] = await Promise.all([Promise.all(pending.map((q) => runQuery(q, values, ctx))), Promise.all(analyses.map((a) => runAnalysis(a, values, ctx)))]);
  pending.forEach((q, i) => (results[q.name] = done[i]!));
  analyses.forEach((a, i) => (results[a.name] = analysed[i]!));
  return {
    inputs: inputs.map((i) => ({
      name: i.name,
      type: i.type,
      value: values.get(i.name) ?? null,
      ...(i.type === 'dropdown' ? { options: [...(i.allowAll ? [ALL_OPTION] : []), ...(optionLists.get(i.name) ?? [])] } : {}),
    })),
    queries: wanted ? Object.fromEntries(Object.entries(results).filter(([name]) => wanted.has(name))) : results,
    dataVersion: ctx.dataVersion,
  };
}
