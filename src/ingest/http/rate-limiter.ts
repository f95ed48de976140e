import { throwIfAborted } from '../../core/errors.js';
import { sleep } from './sleep.js';

/**
 * A per-connection rate limiter: every request of a connection (first tries
 * and retries alike) takes a permit before it is sent, so Basin stays under
 * the API's documented budget.
 *
 * Two rules decide when a permit is granted, and both must hold:
 * - the hard budget, a sliding window: at most `requests` permits in any
 *   window of `intervalMs` (each permit comes back `intervalMs + marginMs`
 *   after it was granted, the margin absorbing network jitter between
 *   Basin's clock and the API's);
 * - a token bucket of `burst` tokens refilled at `requests / intervalMs`,
 *   which spreads requests out when `burst` is below `requests`.
 * Permits are granted in FIFO order. `pauseFor` stops all grants for a while
 * (a `Retry-After`, or a vendor header saying the window is used up).
 */
export interface RateLimitOptions {
  /** Requests allowed per interval (the API's documented budget). */
  requests: number;
  intervalMs: number;
  /** Largest burst (default: `requests`, i.e. the whole budget at once). */
  burst?: number | undefined;
  /** Extra time before a permit comes back (default 5 % of the interval, 5 to 250 ms). */
  marginMs?: number | undefined;
}

/** Grants permits to send requests. */
export interface RateLimiter {
  /** Waits for a permit (FIFO); rejects with ABORTED when `signal` fires. */
  acquire(signal?: AbortSignal): Promise<void>;
  /** Grants nothing for the next `ms` milliseconds (extends, never shortens, a pause). */
  pauseFor(ms: number): void;
  /** The configured budget, when there is one. */
  readonly options: RateLimitOptions | undefined;
}

/** A limiter enforcing `options`; without options it only honours pauses. */
export function createRateLimiter(options?: RateLimitOptions, now: () => number = () => performance.now()): RateLimiter {
  if (options) {
    if (!(options.requests >= 1) || !(options.intervalMs > 0)) throw new RangeError('rate limit needs requests >= 1 and a positive interval');
  }
  const requests = options ? Math.floor(options.requests) : 0;
  const interval = options?.intervalMs ?? 0;
  const burst = options ? Math.max(1, Math.min(requests, Math.floor(options.burst ?? requests))) : 0;
  const margin = options?.marginMs ?? Math.min(250, Math.max(5, Math.ceil(interval * 0.05)));
  const rate = options ? requests / interval : 0; // tokens per ms
  const granted: number[] = []; // ring buffer of the last `requests` grant times
  let ringStart = 0;
  let tokens = burst;
  let lastRefill = now();
  let pausedUntil = 0;
  let tail: Promise<void> = Promise.resolve();

  const refill = (t: number): void => {
    if (!options) return;
    tokens = Math.min(burst, tokens + (t - lastRefill) * rate);
    lastRefill = t;
  };
  /** Milliseconds until a permit may be granted (0 = now). */
  const waitFor = (t: number): number => {
    let until = pausedUntil;
    if (options) {
      if (granted.length >= requests) {
        const oldest = granted[ringStart] ?? 0;
        until = Math.max(until, oldest + interval + margin);
      }
      refill(t);
      if (tokens < 1) until = Math.max(until, t + (1 - tokens) / rate);
    }
    return Math.max(0, until - t);
  };
  const grant = (t: number): void => {
    if (!options) return;
    tokens -= 1;
    if (granted.length < requests) granted.push(t);
    else {
      granted[ringStart] = t;
      ringStart = (ringStart + 1) % requests;
    }
  };

  return {
    options,
    pauseFor(ms: number): void {
      pausedUntil = Math.max(pausedUntil, now() + Math.max(0, ms));
    },
    async acquire(signal?: AbortSignal): Promise<void> {
      const previous = tail;
      let release!: () => void;
      tail = new Promise<void>((resolve) => (release = resolve));
      let ownTurn = false;
      try {
        await raceAbort(previous, signal);
        ownTurn = true;
        for (let guard = 0; guard < 1_000_000; guard++) {
          throwIfAborted(signal);
          const wait = waitFor(now());
          if (wait <= 0) break;
          await sleep(Math.ceil(wait), signal);
        }
        grant(now());
      } finally {
        // A waiter that gave up before its turn hands the turn on only when its predecessor is done.
        if (ownTurn) release();
        else void previous.then(release);
      }
    },
  };
}

function raceAbort(promise: Promise<void>, signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return promise;
  throwIfAborted(signal);
  return new Promise<void>((resolve, reject) => {
    const onAbort = (): void => {
      try {
        throwIfAborted(signal);
      } catch (err) {
        reject(err);
      }
    };
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      () => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      },
      reject,
    );
  });
}
