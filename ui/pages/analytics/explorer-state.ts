/**
 * The explorer's state in the URL query string, pure: a link reproduces the
 * view, the back button steps through choices. One parameter set per tab
 * (they survive switching tabs), the date range shared:
 *
 *   tab=funnel|retention|active|paths  from=YYYY-MM-DD  to=YYYY-MM-DD
 *   funnel:    step=<event> (repeated, in order)  window=7d  order  breakdown=<property>  attribution
 *   retention: start  return  period  periods  mode  cohort
 *   active:    active_event  stickiness=week|month
 *   paths:     path_event  direction=next|previous  depth  limit
 *
 * and the request bodies of POST /api/analytics/<kind> built from it.
 */

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

export interface FunnelState {
  steps: string[];
  windowCount: number;
  windowUnit: 'm' | 'h' | 'd';
  order: (typeof ORDERS)[number];
  breakdown: string;
  /** `first_touch`, `last_touch` or `step:N`. */
  attribution: string;
}
export interface RetentionState {
  start: string;
  /** '' = any event. */
  returnEvent: string;
  period: (typeof PERIODS)[number];
  periods: number;
  mode: 'on' | 'on_or_after';
  cohort: 'first_time' | 'recurring';
}
export interface ActiveState {
  /** '' = any event. */
  event: string;
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

/** The state of `query`; `defaultEvent` (the most frequent event) fills events the URL leaves out. */
export function readState(query: URLSearchParams, defaultEvent = ''): ExplorerState {
  const window = /^(\d+)([mhd])$/.exec(query.get('window') ?? '');
  const day = (name: string) => {
    const v = query.get(name) ?? '';
    return DAY.test(v) ? v : '';
  };
  return {
    tab: oneOf(query.get('tab'), TABS.map(([t]) => t), 'funnel'),
    from: day('from'),
    to: day('to'),
    funnel: {
      steps: query.getAll('step').filter((s) => s !== '').slice(0, MAX_STEPS),
      windowCount: window ? Math.max(1, Number(window[1])) : 7,
      windowUnit: window ? (window[2] as 'm' | 'h' | 'd') : 'd',
      order: oneOf(query.get('order'), ORDERS, 'sequential'),
      breakdown: query.get('breakdown') ?? '',
      attribution: /^(first_touch|last_touch|step:\d+)$/.test(query.get('attribution') ?? '') ? query.get('attribution')! : 'first_touch',
    },
    retention: {
      start: query.get('start') || defaultEvent,
      returnEvent: query.get('return') ?? '',
      period: oneOf(query.get('period'), PERIODS, 'week'),
      periods: int(query.get('periods'), 1, 52, 8),
      mode: oneOf(query.get('mode'), ['on', 'on_or_after'] as const, 'on'),
      cohort: oneOf(query.get('cohort'), ['first_time', 'recurring'] as const, 'first_time'),
    },
    active: { event: query.get('active_event') ?? '', stickiness: oneOf(query.get('stickiness'), ['week', 'month'] as const, 'week') },
    paths: {
      event: query.get('path_event') || defaultEvent,
      direction: oneOf(query.get('direction'), ['next', 'previous'] as const, 'next'),
      depth: int(query.get('depth'), 1, 10, 2),
      limit: int(query.get('limit'), 1, 100, 20),
    },
  };
}

/** `query` with `changes` applied (undefined or '' removes a parameter; a list repeats it), as `?a=b` or ''. */
export function withParams(query: URLSearchParams, changes: Record<string, string | number | string[] | undefined>): string {
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
export function moveStep(steps: readonly string[], index: number, by: -1 | 1): string[] {
  const to = index + by;
  if (index < 0 || index >= steps.length || to < 0 || to >= steps.length) return [...steps];
  const next = [...steps];
  [next[index], next[to]] = [next[to]!, next[index]!];
  return next;
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
  return {
    steps: f.steps,
    window: `${f.windowCount}${f.windowUnit}`,
    order: f.order,
    ...(f.breakdown ? { breakdown: { property: f.breakdown }, attribution: step ? { step: Number(step[1]) } : f.attribution } : {}),
    ...range(state),
  };
}

/** The retention request body; undefined without a start event. */
export function retentionRequest(state: ExplorerState): Record<string, unknown> | undefined {
  const r = state.retention;
  if (!r.start) return undefined;
  return { start: r.start, ...(r.returnEvent ? { return: r.returnEvent } : {}), period: r.period, periods: r.periods, mode: r.mode, cohort: r.cohort, ...range(state) };
}

export function activeRequest(state: ExplorerState): Record<string, unknown> {
  return { ...(state.active.event ? { event: state.active.event } : {}), stickiness: state.active.stickiness, ...range(state) };
}

/** The paths request body; undefined without an event. */
export function pathsRequest(state: ExplorerState): Record<string, unknown> | undefined {
  const p = state.paths;
  if (!p.event) return undefined;
  return { event: p.event, direction: p.direction, depth: p.depth, limit: p.limit, ...range(state) };
}
