/** Loads JSON from the API into React state, with reload and optional polling. */
import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from './api/client';

export interface ApiState<T> {
  data: T | undefined;
  error: Error | undefined;
  loading: boolean;
  reload(): void;
}

/**
 * GETs `path` (again when it changes); with `pollMs`, again every `pollMs`
 * while `poll(data)` says so. Keeps the last data while reloading.
 */
export function useApi<T>(path: string | undefined, options: { pollMs?: number; poll?: (data: T) => boolean } = {}): ApiState<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<Error>();
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const pollRef = useRef(options.poll);
  pollRef.current = options.poll;
  const reload = useCallback(() => setTick((t) => t + 1), []);

  useEffect(() => {
    setData(undefined);
    setError(undefined);
  }, [path]);

  useEffect(() => {
    if (path === undefined) return;
    const abort = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    setLoading(true);
    api<T>(path, { signal: abort.signal })
      .then((d) => {
        setData(d);
        setError(undefined);
        setLoading(false);
        const again = options.pollMs !== undefined && (pollRef.current ? pollRef.current(d) : true);
        if (again) timer = setTimeout(() => setTick((t) => t + 1), options.pollMs);
      })
      .catch((err: unknown) => {
        if (abort.signal.aborted) return;
        setError(err instanceof Error ? err : new Error(String(err)));
        setLoading(false);
      });
    return () => {
      abort.abort();
      if (timer) clearTimeout(timer);
    };
  }, [path, tick, options.pollMs]);

  return { data, error, loading, reload };
}
