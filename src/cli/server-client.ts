/**
 * A small client of a running `basin serve`'s API, for CLI commands that go
 * through the server while it holds the warehouse.
 */
import { BasinError } from '../core/errors.js';

/** One run as the API returns it (GET /api/runs/:id). */
export interface RemoteRun {
  id: string;
  status: string;
  started_at: string | null;
  finished_at: string | null;
  error: { message: string } | null;
  assets: { asset: string; kind: string; status: string; attempts: number; rows: number | null; started_at: string | null; finished_at: string | null; error: { message: string } | null }[];
}

/** One run event (GET /api/runs/:id/events). */
export interface RemoteEvent {
  seq: number;
  at: string;
  asset: string | null;
  level: string;
  type: string;
  message: string;
}

/** Calls a server's API with its token (`Authorization: Bearer`), never showing the token in errors. */
export class ServerClient {
  constructor(
    readonly baseUrl: string,
    private readonly token?: string | undefined,
  ) {}

  /** A client of the server a `.basin/server.json` names, with that server's local token. */
  static of(server: { url: string; token?: string | undefined }): ServerClient {
    return new ServerClient(server.url, server.token);
  }

  async get<T>(path: string, signal?: AbortSignal): Promise<T> {
    return this.call<T>('GET', path, undefined, signal);
  }

  async post<T>(path: string, body: unknown, signal?: AbortSignal): Promise<T> {
    return this.call<T>('POST', path, body, signal);
  }

  private async call<T>(method: string, path: string, body: unknown, signal?: AbortSignal): Promise<T> {
    const headers: Record<string, string> = {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
    };
    let res: Response;
    try {
      res = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        ...(signal ? { signal } : {}),
      });
    } catch (err) {
      throw new BasinError('HTTP_NETWORK', `basin serve at ${this.baseUrl} did not answer ${method} ${path}`, { cause: err });
    }
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch (err) {
      throw new BasinError('HTTP_RESPONSE', `basin serve answered ${method} ${path} with a body that is not JSON`, { cause: err });
    }
    if (!res.ok) {
      const { error, code } = (parsed ?? {}) as { error?: string; code?: string };
      if (code === 'UNAUTHORIZED') {
        throw new BasinError('HTTP_STATUS', `basin serve at ${this.baseUrl} refused the CLI's token (${error ?? 'HTTP 401'}); restart the server if it predates token auth`);
      }
      const known = code === 'SELECTION' || code === 'USAGE' || code === 'READ_ONLY' || code === 'EXTERNAL_ACCESS' || code === 'WAREHOUSE' ? code : 'HTTP_STATUS';
      throw new BasinError(known, `${error ?? `HTTP ${res.status}`} (basin serve at ${this.baseUrl})`);
    }
    return parsed as T;
  }
}
