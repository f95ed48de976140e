import { BasinError } from '../core/errors.js';
import type { Breakdown, DateRange, EventMatcher } from './analysis-types.js';

/**
 * How steps must follow each other (PostHog's "step order"):
 * - `sequential`: in order, other events may happen between steps;
 * - `strict`: in order, each step the user's next event after the previous step (no event in between);
 * - `any`: the steps in any order.
 */
export type FunnelOrder = 'sequential' | 'strict' | 'any';

/** Which step's event gives a user's breakdown value. */
export type FunnelAttribution = 'first_touch' | 'last_touch' | { step: number };

/** Attempts with this event after step `fromStep` and before step `toStep` (1-based) are dropped. */
export interface FunnelExclusion extends EventMatcher {
  fromStep: number;
  toStep: number;
}

export interface FunnelSpec {
  steps: EventMatcher[];
  /** Conversion window, measured from the first step's time (inclusive). */
  windowSeconds: number;
  order?: FunnelOrder | undefined;
  exclusions?: FunnelExclusion[] | undefined;
  breakdown?: Breakdown | undefined;
  /** Default `first_touch`. */
  attribution?: FunnelAttribution | undefined;
  /** Days in which the first step happens (later steps may fall after `to`, within the window). */
  range?: DateRange | undefined;
}

/** Throws a USAGE error when the spec is not a funnel Basin can compute. */
export function checkFunnelSpec(spec: FunnelSpec): void {
  const n = spec.steps.length;
  if (n < 2 || n > 20) throw new BasinError('USAGE', `a funnel has 2 to 20 steps, got ${n}`);
  if (!Number.isInteger(spec.windowSeconds) || spec.windowSeconds <= 0) throw new BasinError('USAGE', `the conversion window must be a positive number of seconds, got ${spec.windowSeconds}`);
  for (const x of spec.exclusions ?? []) {
    if ((spec.order ?? 'sequential') === 'any') throw new BasinError('USAGE', 'exclusion steps need an ordered funnel (sequential or strict)');
    if (!Number.isInteger(x.fromStep) || !Number.isInteger(x.toStep) || x.fromStep < 1 || x.toStep > n || x.fromStep >= x.toStep) {
      throw new BasinError('USAGE', `exclusion "${x.event}" must lie between two steps (1 <= from < to <= ${n}), got ${x.fromStep}..${x.toStep}`);
    }
  }
  const a = spec.attribution;
  if (a !== undefined && typeof a === 'object' && (!Number.isInteger(a.step) || a.step < 1 || a.step > n)) {
    throw new BasinError('USAGE', `attribution step must be 1..${n}, got ${a.step}`);
  }
}
