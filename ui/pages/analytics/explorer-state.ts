/**
 * The explorer's state in the URL query string, pure: a link reproduces the
 * view, the back button steps through choices. One parameter set per tab
 * (they survive switching tabs), the date range shared:
 *
 *   tab=funnel|retention|active|paths  from=YYYY-MM-DD  to=YYYY-MM-DD
 *   funnel:    step=<event> (repeated, in order)  step<N>.<property>=<value> (step N's filters)
 *              exclude=<from>-<to>:<event> (repeated)  window=7d  order
 *              breakdown=<property> | breakdown_column=<column>  attribution
 *   retention: start  start.<property>=<value>  return  return.<property>=<value>  period  periods  mode  cohort
 *   active:    active_event  active_event.<property>=<value>  stickiness=week|month
 *   paths:     path_event  direction=next|previous  depth  limit
 *
 * (filters: explorer-filters.ts), and the request bodies of POST
 * /api/analytics/<kind> built from it.
 */
import type { EventsOverviewJson } from '../../../src/server/analytics/analytics-json.js';
import { filterChanges, matcherRequest, readFilters, type Matcher, type ParamChanges } from './explorer-filters.js';

export type Tab = 'funnel' | 'retention' | 'active' | 'paths';
export const TABS: ReadonlyArray<[Tab, string]> = [
  ['funnel', 'Funnel'],
  ['retention', 'Retention'],
  ['active', 'Active users'],
  ['paths', 'Paths'],
];

export const ORDERS = ['sequential', 'strict', 'any'] as const;
export const WINDOW_UNITS: ReadonlyArray<['m' | 'h' | 'd', string]> = [
  ['m', 'minutes'],
  ['h', 'hours'],
  ['d', 'days'],
];
export const PERIODS = ['day', 'week', 'month'] as const;
export const MAX_STEPS = 20;

/** Attempts with `event` after step `fromStep` and before step `toStep` (1-based) do not count. */
export interface Exclusion {
  event: string;
  fromStep: number;
  toStep: number;
}

export interface FunnelState {
  steps: Matcher[];
  /** Kept in the URL whatever the order; only sent for ordered funnels (the API refuses them for `any`). */
  exclusions: Exclusion[];
  windowCount: number;
  windowUnit: 'm' | 'h' | 'd';
  order: (typeof ORDERS)[number];
  /** A JSON property, or a column of the events relation (`breakdownKind`); '' = none. */
  breakdown: string;
  breakdownKind: 'property' | 'column';
  /** `first_touch`, `last_touch` or `step:N`. */
  attribution: string;
}
export interface RetentionState {
  start: Matcher;
  /** Event '' = any event (its filters are then ignored). */
  returnEvent: Matcher;
  period: (typeof PERIODS)[number];
  periods: number;
  mode: 'on' | 'on_or_after';
  cohort: 'first_time' | 'recurring';
}
export interface ActiveState {
  /** Event '' = any event (its filters are then ignored). */
  event: Matcher;
  stickiness: 'week' | 'month';
}
export interface PathsState {
  event: string;
  direction: 'next' | 'previous';
  depth: number;
  limit: number;
}
export interface ExplorerState {
  tab: Tab;
  from: string;
  to: string;
  funnel: FunnelState;
  retention: RetentionState;
  active: ActiveState;
  paths: PathsState;
}

function oneOf<T extends string>(value: string | null, allowed: readonly T[], fallback: T): T {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

function int(value: string | null, min: number, max: number, fallback: number): number {
  const n = Number(value);
  return value !== null && value !== '' && Number.isInteger(n) && n >= min && n <= max ? n : fallback;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const EXCLUSION = /^(\d{1,2})-(\d{1,2}):(.+)$/s;

/** An exclusion as its URL parameter value. */
export function exclusionParam(x: Exclusion): string {
  return `${x.fromStep}-${x.toStep}:${x.event}`;
}

function readExclusions(query: URLSearchParams): Exclusion[] {
  return query.getAll('exclude').flatMap((v) => {
    const m = EXCLUSION.exec(v);
    return m ? [{ event: m[3]!, fromStep: Number(m[1]), toStep: Number(m[2]) }] : [];
  });
}

/** The event of parameter `name` with its filters (`name.<property>`); `fallback` when the URL has none. */
function matcher(query: URLSearchParams, name: string, fallback = ''): Matcher {
  return { event: query.get(name) || fallback, where: readFilters(query, name) };
}

/** The state of `query`; `defaultEvent` (the most frequent event) fills events the URL leaves out. */
export function readState(query: URLSearchParams, defaultEvent = ''): ExplorerState {
  const window = /^(\d+)([mhd])$/.exec(query.get('window') ?? '');
  const day = (name: string) => {
    const v = query.get(name) ?? '';
    return DAY.test(v) ? v : '';
  };
  const column = query.get('breakdown_column') ?? '';
  return {
    tab: oneOf(query.get('tab'), TABS.map(([t]) => t), 'funnel'),
    from: day('from'),
    to: day('to'),
    funnel: {
      steps: query
        .getAll('step')
        .filter((s) => s !== '')
        .slice(0, MAX_STEPS)
        .map((event, i) => ({ event, where: readFilters(query, `step${i + 1}`) })),
      exclusions: readExclusions(query),
      windowCount: window ? Math.max(1, Number(window[1])) : 7,
      windowUnit: window ? (window[2] as 'm' | 'h' | 'd') : 'd',
      order: oneOf(query.get('order'), ORDERS, 'sequential'),
      breakdown: column || (query.get('breakdown') ?? ''),
      breakdownKind: column ? 'column' : 'property',
      attribution: /^(first_touch|last_touch|step:\d+)$/.test(query.get('attribution') ?? '') ? query.get('attribution')! : 'first_touch',
    },
    retention: {
      start: matcher(query, 'start', defaultEvent),
      returnEvent: matcher(query, 'return'),
      period: oneOf(query.get('period'), PERIODS, 'week'),
      periods: int(query.get('periods'), 1, 52, 8),
      mode: oneOf(query.get('mode'), ['on', 'on_or_after'] as const, 'on'),
      cohort: oneOf(query.get('cohort'), ['first_time', 'recurring'] as const, 'first_time'),
    },
    active: { event: matcher(query, 'active_event'), stickiness: oneOf(query.get('stickiness'), ['week', 'month'] as const, 'week') },
    paths: {
      event: query.get('path_event') || defaultEvent,
      direction: oneOf(query.get('direction'), ['next', 'previous'] as const, 'next'),
      depth: int(query.get('depth'), 1, 10, 2),
      limit: int(query.get('limit'), 1, 100, 20),
    },
  };
}

/** `query` with `changes` applied (undefined or '' removes a parameter; a list repeats it), as `?a=b` or ''. */
export function withParams(query: URLSearchParams, changes: ParamChanges): string {
  const next = new URLSearchParams(query);
  for (const [name, value] of Object.entries(changes)) {
    next.delete(name);
    if (Array.isArray(value)) for (const v of value) next.append(name, v);
    else if (value !== undefined && value !== '') next.set(name, String(value));
  }
  const s = next.toString();
  return s ? `?${s}` : '';
}

/** `steps` with the step at `index` moved by `by` (-1 up, +1 down); unchanged at the ends. */
export function moveStep<T>(steps: readonly T[], index: number, by: -1 | 1): T[] {
  const to = index + by;
  if (index < 0 || index >= steps.length || to < 0 || to >= steps.length) return [...steps];
  const next = [...steps];
  [next[index], next[to]] = [next[to]!, next[index]!];
  return next;
}

/**
 * The URL changes that make the funnel's steps `next`, where `origin[j]` is
 * the index in `f.steps` new step j came from (-1: a new step): the filters
 * follow their steps, and so do exclusions and an attribution step; those
 * whose step is gone, or exclusions no longer between two steps in order, are dropped.
 */
export function stepsChanges(f: FunnelState, next: readonly Matcher[], origin: readonly number[]): ParamChanges {
  const changes: ParamChanges = { step: next.map((s) => s.event) };
  f.steps.forEach((s, i) => filterChanges(`step${i + 1}`, s.where, [], changes));
  next.forEach((s, j) => filterChanges(`step${j + 1}`, [], s.where, changes));
  const at = (step: number) => origin.indexOf(step - 1) + 1;
  const exclusions = f.exclusions.map((x) => ({ ...x, fromStep: at(x.fromStep), toStep: at(x.toStep) })).filter((x) => x.fromStep >= 1 && x.toStep > x.fromStep);
  changes['exclude'] = exclusions.map(exclusionParam);
  const step = /^step:(\d+)$/.exec(f.attribution);
  if (step) changes['attribution'] = at(Number(step[1])) >= 1 ? `step:${at(Number(step[1]))}` : undefined;
  return changes;
}

/** A matcher picked in a select changes its event: to '' (any event) its filters go too. */
export function eventChanges(prefix: string, before: Matcher, event: string): ParamChanges {
  return event === '' ? filterChanges(prefix, before.where, [], { [prefix]: event }) : { [prefix]: event };
}

function range(state: ExplorerState): { range?: { from?: string; to?: string } } {
  const r = { ...(state.from ? { from: state.from } : {}), ...(state.to ? { to: state.to } : {}) };
  return Object.keys(r).length > 0 ? { range: r } : {};
}

/** The funnel's request body; undefined until it has two steps. */
export function funnelRequest(state: ExplorerState): Record<string, unknown> | undefined {
  const f = state.funnel;
  if (f.steps.length < 2) return undefined;
  const step = /^step:(\d+)$/.exec(f.attribution);
  const exclusions = f.order === 'any' ? [] : f.exclusions;
  return {
    steps: f.steps.map(matcherRequest),
    window: `${f.windowCount}${f.windowUnit}`,
    order: f.order,
    ...(exclusions.length > 0 ? { exclusions: exclusions.map((x) => ({ event: x.event, from_step: x.fromStep, to_step: x.toStep })) } : {}),
    ...(f.breakdown ? { breakdown: { [f.breakdownKind]: f.breakdown }, attribution: step ? { step: Number(step[1]) } : f.attribution } : {}),
    ...range(state),
  };
}

/** The retention request body; undefined without a start event. */
export function retentionRequest(state: ExplorerState): Record<string, unknown> | undefined {
  const r = state.retention;
  if (!r.start.event) return undefined;
  return { start: matcherRequest(r.start), ...(r.returnEvent.event ? { return: matcherRequest(r.returnEvent) } : {}), period: r.period, periods: r.periods, mode: r.mode, cohort: r.cohort, ...range(state) };
}

export function activeRequest(state: ExplorerState): Record<string, unknown> {
  return { ...(state.active.event.event ? { event: matcherRequest(state.active.event) } : {}), stickiness: state.active.stickiness, ...range(state) };
}

/** The paths request body; undefined without an event. */
export function pathsRequest(state: ExplorerState): Record<string, unknown> | undefined {
  const p = state.paths;
  if (!p.event) return undefined;
  return { event: p.event, direction: p.direction, depth: p.depth, limit: p.limit, ...range(state) };
}

/** The relation's columns a funnel can be broken down by: all but the user, event, timestamp and properties columns. */
export function breakdownColumns(overview: Pick<EventsOverviewJson, 'columns' | 'relation_columns'>): string[] {
  const mapped = new Set(Object.values(overview.columns).filter((c): c is string => c !== null));
  return overview.relation_columns.map((c) => c.name).filter((c) => !mapped.has(c));
}
