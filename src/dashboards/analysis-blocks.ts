/**
 * Product-analysis blocks of a dashboard: their YAML schemas (zod), and how
 * one runs through src/analytics into rows charts read. Steps and events are
 * names, or `{ event, where: { property: value } }`; `range:` names a
 * date_range input of the page.
 */
import { z } from 'zod';
import {
  runActiveUsers,
  runFunnel,
  runPaths,
  runRetention,
  type EventMatcher,
  type EventsSpec,
  type FunnelSpec,
} from '../analytics/index.js';
import { BasinError } from '../core/errors.js';
import type { WarehouseSession } from '../warehouse/warehouse.js';
import type { AnalysisBlock } from './dashboard.js';

const matcher = z.union([
  z.string().min(1).transform((event): EventMatcher => ({ event })),
  z
    .strictObject({ event: z.string().min(1), where: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional() })
    .transform((m): EventMatcher => ({ event: m.event, where: Object.entries(m.where ?? {}).map(([property, v]) => ({ property, equals: String(v) })) })),
]);
const inputName = z.string().regex(/^[a-z_][a-z0-9_]*$/);
const breakdown = z.union([z.strictObject({ property: z.string().min(1) }), z.strictObject({ column: z.string().min(1) })]);

/** A duration: seconds as a number, or `<n>s|m|h|d`. */
const duration = z.union([
  z.number().int().positive(),
  z
    .string()
    .regex(/^\d+\s*[smhd]$/, 'expected a duration like 7d, 12h, 30m')
    .transform((t) => Number(t.slice(0, -1).trim()) * { s: 1, m: 60, h: 3600, d: 86_400 }[t.slice(-1) as 's' | 'm' | 'h' | 'd']),
]);

export const ANALYSIS_SCHEMAS = {
  funnel: z.strictObject({
    steps: z.array(matcher).min(2).max(20),
    window: duration.default(7 * 86_400),
    order: z.enum(['sequential', 'strict', 'any']).default('sequential'),
    exclusions: z.array(z.strictObject({ event: z.string().min(1), from_step: z.number().int(), to_step: z.number().int() })).default([]),
    breakdown: breakdown.optional(),
    attribution: z.union([z.enum(['first_touch', 'last_touch']), z.strictObject({ step: z.number().int() })]).optional(),
    range: inputName.optional(),
  }),
  retention: z.strictObject({
    start: matcher,
    return: matcher.optional(),
    period: z.enum(['day', 'week', 'month']).default('week'),
    periods: z.number().int().min(1).max(1000).default(12),
    mode: z.enum(['on', 'on_or_after']).default('on'),
    cohort: z.enum(['first_time', 'recurring']).default('first_time'),
    range: inputName.optional(),
  }),
  active_users: z.strictObject({ event: matcher.optional(), range: inputName.optional() }),
  paths: z.strictObject({
    event: z.string().min(1),
    direction: z.enum(['next', 'previous']).default('next'),
    depth: z.number().int().min(1).max(10).default(1),
    limit: z.number().int().min(1).max(1000).default(10),
    range: inputName.optional(),
  }),
} as const;

type Row = Record<string, unknown>;

/** The day range an analysis covers: the range input's value, else `fallback` (the events' first and last day). */
export type AnalysisRange = { from: string; to: string } | undefined;

function clampRange(range: { start: string; end: string } | undefined): AnalysisRange {
  if (!range || (range.start === '0001-01-01' && range.end === '9999-12-31')) return undefined;
  return { from: range.start, to: range.end };
}

/** Runs `block` and returns its rows (columns in the order they appear). */
export async function runAnalysisBlock(
  session: WarehouseSession,
  events: EventsSpec,
  block: AnalysisBlock,
  options: { range?: { start: string; end: string } | undefined; eventsDays: () => Promise<{ from: string; to: string } | undefined>; signal?: AbortSignal | undefined },
): Promise<Row[]> {
  const q = options.signal ? { signal: options.signal } : {};
  const range = clampRange(options.range);
  switch (block.analysis) {
    case 'funnel': {
      const s = ANALYSIS_SCHEMAS.funnel.parse(block.spec);
      const spec: FunnelSpec = {
        steps: s.steps,
        windowSeconds: s.window,
        order: s.order,
        exclusions: s.exclusions.map((x) => ({ event: x.event, fromStep: x.from_step, toStep: x.to_step })),
        ...(s.breakdown ? { breakdown: s.breakdown } : {}),
        ...(s.attribution ? { attribution: s.attribution } : {}),
        ...(range ? { range } : {}),
      };
      const result = await runFunnel(session, events, spec, q);
      return result.groups.flatMap((g) =>
        g.steps.map((step) => ({
          ...(s.breakdown ? { breakdown: g.breakdown } : {}),
          step: step.step,
          event: step.event,
          users: step.users,
          conversion_from_first: step.conversionFromFirst,
          conversion_from_previous: step.conversionFromPrevious,
          median_seconds_from_previous: step.medianSecondsFromPrevious,
        })),
      );
    }
    case 'retention': {
      const s = ANALYSIS_SCHEMAS.retention.parse(block.spec);
      const result = await runRetention(
        session,
        events,
        { startEvent: s.start, ...(s.return ? { returnEvent: s.return } : {}), period: s.period, periods: s.periods, mode: s.mode, cohortType: s.cohort, ...(range ? { range } : {}) },
        q,
      );
      // A period not observable yet (after the last day of events) keeps retained and rate null: an empty cell, not 0 %.
      return result.cohorts.flatMap((c) => c.retained.map((retained, period) => ({ cohort: c.cohort, period, users: c.users, retained, rate: c.rates[period] ?? null })));
    }
    case 'active_users': {
      const s = ANALYSIS_SCHEMAS.active_users.parse(block.spec);
      const days = range ?? (await options.eventsDays());
      if (!days) return [];
      const rows = await runActiveUsers(session, events, { range: days, ...(s.event ? { event: s.event } : {}) }, q);
      return rows.map((r) => ({ day: r.day, dau: r.dau, wau: r.wau, mau: r.mau }));
    }
    case 'paths': {
      const s = ANALYSIS_SCHEMAS.paths.parse(block.spec);
      const rows = await runPaths(session, events, { event: s.event, direction: s.direction, depth: s.depth, limit: s.limit, ...(range ? { range } : {}) }, q);
      return rows.map((r) => ({ path: r.path.join(' → '), occurrences: r.occurrences, users: r.users }));
    }
    default:
      throw new BasinError('INTERNAL', `unknown analysis ${String((block as AnalysisBlock).analysis)}`);
  }
}
