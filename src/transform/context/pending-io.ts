import { BasinError } from '../../core/errors.js';

/**
 * Templates render synchronously, but `run_query`, `statement` blocks and
 * `adapter.get_relation` need the warehouse, which is asynchronous. Basin
 * renders by replay: the first time a template asks for an I/O result that is
 * not known yet, the host throws `PendingIo`; the driver performs the I/O,
 * records the result under the request's key and renders again. Requests are
 * keyed by their text and occurrence number, so a template that issues the
 * same statement twice gets two executions, each exactly once.
 */
export class PendingIo extends Error {
  constructor(
    readonly key: string,
    readonly perform: () => Promise<unknown>,
  ) {
    super(`pending warehouse request ${key}`);
    this.name = 'PendingIo';
  }
}

/** Results of I/O performed for one node's render, shared across its replays. */
export class IoLedger {
  readonly #results = new Map<string, unknown>();
  #occurrences = new Map<string, number>();

  /** Call at the start of every (re-)render. */
  startRender(): void {
    this.#occurrences = new Map();
  }

  /**
   * Returns the recorded result of request `text`, or throws PendingIo so the
   * driver performs it. Each call of the same text within one render is a
   * separate request.
   */
  request<T>(text: string, perform: () => Promise<T>): T {
    const n = (this.#occurrences.get(text) ?? 0) + 1;
    this.#occurrences.set(text, n);
    const key = `${n}\u0000${text}`;
    if (this.#results.has(key)) return this.#results.get(key) as T;
    throw new PendingIo(key, perform);
  }

  record(key: string, value: unknown): void {
    this.#results.set(key, value);
  }
}

/** Finds a PendingIo in an error's cause chain (template engines wrap host errors). */
export function findPendingIo(err: unknown): PendingIo | undefined {
  let current: unknown = err;
  for (let depth = 0; depth < 20 && current; depth++) {
    if (current instanceof PendingIo) return current;
    current = current instanceof Error ? current.cause : undefined;
  }
  return undefined;
}

/** Limit on replays for one render, against templates whose requests never settle. */
export const MAX_REPLAYS = 500;

/**
 * Runs `render` until it completes, performing each pending request in turn.
 * Errors other than PendingIo propagate unchanged.
 */
export async function renderWithIo<T>(ledger: IoLedger, render: () => T, signal?: AbortSignal): Promise<T> {
  for (let attempt = 0; attempt <= MAX_REPLAYS; attempt++) {
    ledger.startRender();
    try {
      return render();
    } catch (err) {
      const pending = findPendingIo(err);
      if (!pending) throw err;
      if (signal?.aborted) throw new BasinError('ABORTED', 'render was cancelled', { cause: signal.reason });
      ledger.record(pending.key, await pending.perform());
    }
  }
  throw new BasinError('COMPILE', `a template issued more than ${MAX_REPLAYS} warehouse requests; it may not be deterministic`);
}
