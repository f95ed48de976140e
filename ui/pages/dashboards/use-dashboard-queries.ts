/**
 * Runs a dashboard's requests (query-requests.ts) and keeps each one's
 * answer: at most MAX_IN_FLIGHT at once, each chart's state its own. When a
 * request's key changes (an input it reads changed), its previous call is
 * aborted and its previous answer stays on screen, marked loading, until
 * the new one arrives; an answer to a superseded call is never applied.
 */
import { useEffect, useRef, useState } from 'react';
import { api } from '../../api/client';
import type { DashboardRunJson } from './dashboard-json';
import type { QueryRequest } from './query-requests';
import { createRequestQueue } from './request-queue';

/** Requests in flight at once per page (the DuckDB warehouse runs 4 statements at a time by default). */
export const MAX_IN_FLIGHT = 4;

/** One request's state. */
export interface RequestState {
  /** The key of the latest call. */
  key: string;
  /** The latest answer (perhaps to an earlier key while `loading`). */
  run: DashboardRunJson | undefined;
  error: Error | undefined;
  loading: boolean;
}

interface Call {
  key: string;
  abort: AbortController;
}

/** The state of each of `requests` (by id) for the dashboard `name`. */
export function useDashboardQueries(name: string, requests: readonly QueryRequest[]): Record<string, RequestState> {
  const [states, setStates] = useState<Record<string, RequestState>>({});
  const calls = useRef(new Map<string, Call>());
  const queue = useRef(createRequestQueue(MAX_IN_FLIGHT));
  const signature = JSON.stringify([name, requests.map((r) => [r.id, r.key])]);

  useEffect(
    () => () => {
      for (const call of calls.current.values()) call.abort.abort();
      calls.current.clear();
    },
    [],
  );

  useEffect(() => {
    const live = new Set(requests.map((r) => r.id));
    for (const [id, call] of calls.current) {
      if (live.has(id)) continue;
      call.abort.abort();
      calls.current.delete(id);
    }
    for (const request of requests) {
      const key = `${name}\0${request.key}`;
      const previous = calls.current.get(request.id);
      if (previous?.key === key) continue;
      previous?.abort.abort();
      const call: Call = { key, abort: new AbortController() };
      calls.current.set(request.id, call);
      const current = () => calls.current.get(request.id) === call && !call.abort.signal.aborted;
      setStates((s) => ({ ...s, [request.id]: { key, run: s[request.id]?.run, error: undefined, loading: true } }));
      const path = `/api/dashboards/${encodeURIComponent(name)}/run`;
      queue.current
        .run(() => api<DashboardRunJson>(path, { body: { inputs: request.inputs, queries: request.queries }, signal: call.abort.signal }), call.abort.signal)
        .then((run) => {
          if (current()) setStates((s) => ({ ...s, [request.id]: { key, run, error: undefined, loading: false } }));
        })
        .catch((err: unknown) => {
          if (!current()) return;
          const error = err instanceof Error ? err : new Error(String(err));
          setStates((s) => ({ ...s, [request.id]: { key, run: s[request.id]?.run, error, loading: false } }));
        });
    }
    // `signature` stands for `name` and `requests` (a new array on every render).
  }, [signature]);

  return states;
}
