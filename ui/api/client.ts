/**
 * The UI's one way to call the API: JSON in and out, the stored token sent
 * on every request, and on 401 the token screen shown and the request
 * retried once a token is pasted. Errors carry the server's message and code.
 */
import { getToken, waitForToken } from './token-store';

/** An API call that failed: HTTP status, the server's `error` and `code`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** GETs (or, with `body`/`method`, sends) JSON to `path` (under /api/). */
export async function api<T>(path: string, init: { method?: string; body?: unknown; signal?: AbortSignal } = {}): Promise<T> {
  for (;;) {
    const headers: Record<string, string> = { accept: 'application/json' };
    const token = getToken();
    if (token) headers['authorization'] = `Bearer ${token}`;
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(path, {
      method: init.method ?? (init.body !== undefined ? 'POST' : 'GET'),
      headers,
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
      ...(init.signal ? { signal: init.signal } : {}),
    });
    if (res.status === 401) {
      await waitForToken();
      continue;
    }
    const text = await res.text();
    let body: unknown;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      throw new ApiError(res.status, `the server answered ${res.status} with something that is not JSON`, undefined);
    }
    if (!res.ok) {
      const b = (body ?? {}) as { error?: string; code?: string };
      throw new ApiError(res.status, b.error ?? `the server answered ${res.status}`, b.code);
    }
    return body as T;
  }
}
