/**
 * Bodies of the explorer's POST routes: the shapes of dashboards' analysis
 * blocks (ANALYSIS_SCHEMAS: steps as names or `{ event, where }`, windows as
 * seconds or `7d`) with `range` as `{ from, to }` days instead of an input
 * name, validated by zod; and their translation into src/analytics specs.
 */
import { z } from 'zod';
import type { DateRange, FunnelSpec, PathsSpec, RetentionSpec } from '../../analytics/index.js';
import { ANALYSIS_SCHEMAS } from '../../dashboards/analysis-blocks.js';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a day as YYYY-MM-DD');
const dayRange = z
  .strictObject({ from: day.optional(), to: day.optional() })
  .refine((r) => r.from === undefined || r.to === undefined || r.from <= r.to, { message: 'from must not be after to' });

export const ANALYTICS_REQUESTS = {
  funnel: ANALYSIS_SCHEMAS.funnel.omit({ range: true }).extend({ range: dayRange.optional() }),
  retention: ANALYSIS_SCHEMAS.retention.omit({ range: true }).extend({ range: dayRange.optional() }),
  active: ANALYSIS_SCHEMAS.active_users.omit({ range: true }).extend({ range: dayRange.optional(), stickiness: z.enum(['week', 'month']).default('week') }),
  paths: ANALYSIS_SCHEMAS.paths.omit({ range: true }).extend({ range: dayRange.optional() }),
} as const;

export type AnalysisKind = keyof typeof ANALYTICS_REQUESTS;
export type FunnelRequest = z.infer<typeof ANALYTICS_REQUESTS.funnel>;
export type RetentionRequest = z.infer<typeof ANALYTICS_REQUESTS.retention>;
export type ActiveRequest = z.infer<typeof ANALYTICS_REQUESTS.active>;
export type PathsRequest = z.infer<typeof ANALYTICS_REQUESTS.paths>;

type Issue = z.core.$ZodIssue;

/**
 * The most telling issue under `issue`: of a union that failed (a step as a
 * name or an object, a window as seconds or text), the first branch issue
 * that is not just "wrong type", with its path joined to the union's.
 */
function telling(issue: Issue): { path: PropertyKey[]; message: string } {
  if (issue.code === 'invalid_union') {
    const branches = issue.errors.flat();
    const best = branches.find((b) => b.code !== 'invalid_type') ?? branches[0];
    if (best) {
      const inner = telling(best);
      return { path: [...issue.path, ...inner.path], message: inner.message };
    }
  }
  return { path: issue.path, message: issue.message };
}

/** The first issue of a failed parse as one line naming the field: `steps: Too small: ...`. */
export function describeIssue(error: z.ZodError): string {
  const first = error.issues[0];
  if (!first) return 'invalid request body';
  const { path, message } = telling(first);
  return `invalid request body: ${path.length > 0 ? `${path.map(String).join('.')}: ` : ''}${message}`;
}

export function funnelSpec(r: FunnelRequest, range: DateRange): FunnelSpec {
  return {
    steps: r.steps,
    windowSeconds: r.window,
    order: r.order,
    exclusions: r.exclusions.map((x) => ({ event: x.event, fromStep: x.from_step, toStep: x.to_step })),
    ...(r.breakdown ? { breakdown: r.breakdown } : {}),
    ...(r.attribution ? { attribution: r.attribution } : {}),
    range,
  };
}

export function retentionSpec(r: RetentionRequest, range: DateRange): RetentionSpec {
  return { startEvent: r.start, ...(r.return ? { returnEvent: r.return } : {}), period: r.period, periods: r.periods, mode: r.mode, cohortType: r.cohort, range };
}

export function pathsSpec(r: PathsRequest, range: DateRange): PathsSpec {
  return { event: r.event, direction: r.direction, depth: r.depth, limit: r.limit, range };
}
