/**
 * Runs one analysis (POST /api/analytics/<kind>) whenever its request body
 * changes; the previous request is aborted, and the last answer stays shown
 * (dimmed) while the next one loads.
 */
import { useEffect, useState } from 'react';
import { api } from '../../api/client';

export interface AnalysisState<T> {
  data: T | undefined;
  error: Error | undefined;
  loading: boolean;
  /** Milliseconds the last answer took. */
  ms: number | undefined;
}

export function useAnalysis<T>(kind: string, body: Record<string, unknown> | undefined): AnalysisState<T> {
  const key = body === undefined ? undefined : JSON.stringify(body);
  const [state, setState] = useState<AnalysisState<T>>({ data: undefined, error: undefined, loading: false, ms: undefined });
  useEffect(() => {
    if (key === undefined) {
      setState({ data: undefined, error: undefined, loading: false, ms: undefined });
      return;
    }
    const abort = new AbortController();
    const started = performance.now();
    setState((s) => ({ ...s, loading: true }));
    api<T>(`/api/analytics/${kind}`, { body: JSON.parse(key) as unknown, signal: abort.signal })
      .then((data) => setState({ data, error: undefined, loading: false, ms: Math.round(performance.now() - started) }))
      .catch((err: unknown) => {
        if (abort.signal.aborted) return;
        setState({ data: undefined, error: err instanceof Error ? err : new Error(String(err)), loading: false, ms: undefined });
      });
    return () => abort.abort();
  }, [kind, key]);
  return state;
}
