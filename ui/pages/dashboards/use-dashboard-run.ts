/** Runs a dashboard's queries with the given input values (again when they change), the previous run kept on screen meanwhile. */
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import type { DashboardRunJson } from './dashboard-json';

export interface DashboardRunState {
  run: DashboardRunJson | undefined;
  error: Error | undefined;
  loading: boolean;
}

export function useDashboardRun(name: string, inputs: Record<string, string>): DashboardRunState {
  const [state, setState] = useState<DashboardRunState>({ run: undefined, error: undefined, loading: true });
  const key = JSON.stringify(inputs);
  useEffect(() => {
    const abort = new AbortController();
    setState((s) => ({ ...s, loading: true }));
    api<DashboardRunJson>(`/api/dashboards/${encodeURIComponent(name)}/run`, { body: { inputs: JSON.parse(key) as Record<string, string> }, signal: abort.signal })
      .then((run) => setState({ run, error: undefined, loading: false }))
      .catch((err: unknown) => {
        if (abort.signal.aborted) return;
        setState((s) => ({ ...s, error: err instanceof Error ? err : new Error(String(err)), loading: false }));
      });
    return () => abort.abort();
  }, [name, key]);
  return state;
}
