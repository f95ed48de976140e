/**
 * How credentials reach a request. An auth helper adds headers or query
 * parameters just before a request is sent (so requests kept in state or logs
 * never hold secrets), and may refresh its credentials once after a 401.
 */

/** The outgoing request an auth helper may modify. */
export interface AuthTarget {
  headers: Record<string, string>;
  url: URL;
}

/** Credentials for an HttpClient. */
export interface HttpAuth {
  /** Adds credentials to an outgoing request. */
  apply(target: AuthTarget, signal: AbortSignal): Promise<void> | void;
  /** Called once after a 401: drops cached credentials; true when a retry may succeed. */
  refresh?(signal: AbortSignal): Promise<boolean>;
  /** Query parameter names that carry secrets (redacted from logs and errors). */
  readonly secretParams?: readonly string[] | undefined;
}
