/**
 * The Lineage page's view settings (kept in the URL) and its data: GET
 * /api/lineage. When the app is opened on /lineage, the request starts as
 * soon as this module is evaluated, before React mounts, so the answer and
 * the first render overlap.
 */
import { useCallback, useEffect, useState } from 'react';
import type { LineageJson } from '../../../src/server/lineage/lineage-json';
import { api } from '../../api/client';

/** What the page shows: focus, levels, tests. */
export interface LineageSettings {
  focus: string | undefined;
  up: number;
  down: number;
  tests: boolean;
}

const DEFAULT_LEVELS = 2;

function levels(text: string | null): number {
  const n = Number(text);
  return text !== null && Number.isInteger(n) && n >= 0 && n <= 99 ? n : DEFAULT_LEVELS;
}

/** The settings in a /lineage URL query. */
export function settingsOf(query: URLSearchParams): LineageSettings {
  return {
    focus: query.get('focus') ?? undefined,
    up: levels(query.get('up')),
    down: levels(query.get('down')),
    tests: query.get('tests') === '1' || query.get('tests') === 'true',
  };
}

/** The URL query of `s` (only what differs from the defaults), with its `?`. */
export function queryOf(s: LineageSettings): string {
  const q = new URLSearchParams();
  if (s.focus !== undefined) {
    q.set('focus', s.focus);
    q.set('up', String(s.up));
    q.set('down', String(s.down));
  }
  if (s.tests) q.set('tests', '1');
  const text = q.toString();
  return text ? `?${text}` : '';
}

let early: { path: string; data: Promise<LineageJson> } | undefined;
if (typeof location !== 'undefined' && location.pathname === '/lineage') {
  const path = `/api/lineage${queryOf(settingsOf(new URLSearchParams(location.search)))}`;
  early = { path, data: api<LineageJson>(path) };
  // Errors are reported by the hook that takes the request.
  early.data.catch(() => undefined);
}

/** The request started at load for `path`, once; undefined otherwise. */
function takeEarly(path: string): Promise<LineageJson> | undefined {
  const taken = early?.path === path ? early.data : undefined;
  early = undefined;
  return taken;
}

/** GET `path` (an /api/lineage URL) into state: data, error and reload, as the shell's `Loaded` wants them. */
export function useLineage(path: string): { data: LineageJson | undefined; error: Error | undefined; reload(): void } {
  const [state, setState] = useState<{ path: string; data?: LineageJson; error?: Error }>({ path });
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  useEffect(() => {
    const abort = new AbortController();
    const request = takeEarly(path) ?? api<LineageJson>(path, { signal: abort.signal });
    request.then(
      (data) => {
        if (!abort.signal.aborted) setState({ path, data });
      },
      (err: unknown) => {
        if (!abort.signal.aborted) setState({ path, error: err instanceof Error ? err : new Error(String(err)) });
      },
    );
    return () => abort.abort();
  }, [path, tick]);
  const current = state.path === path;
  return { data: current ? state.data : undefined, error: current ? state.error : undefined, reload };
}
