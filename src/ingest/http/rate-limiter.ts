import { throwIfAborted } from '../../core/errors.js';
import { sleep } from './sleep.js';

/**
 * A per-connection rate limiter: every request of a connection (first tries
 * and retries alike) holds a permit while it is in flight, so Basin stays
 * under the API's documented budget of `requests` per `intervalMs`.
 *
 * The guarantee holds as the API counts, whatever the network does: the
 * limiter has `requests` slots; a request takes a free slot before it is
 * sent and gives it back when it completes (response read, failed or timed
 * out), and the slot is free again only `intervalMs` after that. A request
 * reaches the server after its permit was granted and before it completed,
 * so two requests that used the same slot arrive at least `intervalMs`
 * apart, and no window of `intervalMs` ever sees more than `requests`
 * arrivals. (Counting from the moment a permit is granted would not hold: a
 * slow connection setup can deliver an early request late, next to later ones.)
 *
 * A token bucket of `burst` tokens, refilled at `requests / intervalMs`,
 * additionally spreads requests out when `burst` is below `requests`.
 * Permits are granted in FIFO order. `pauseFor` stops all grants for a while
 * (a `Retry-After`, or a vendor header saying the window is used up).
 */
export interface RateLimitOptions {
  /** Requests allowed per interval (the API's documented budget). */
  requests: number;
  intervalMs: number;
  /** Largest burst (default: `requests`, i.e. the whole budget at once). */
  burst?: number | undefined;
  /** Extra time before a slot is free again (default 0). */
  marginMs?: number | undefined;
}

/** Held while a request is in flight. */
export interface RatePermit {
  /** Gives the slot back (its interval starts now). Idempotent. */
  release(): void;
}

/** Grants permits to send requests. */
export interface RateLimiter {
  /** Waits for a permit (FIFO); rejects with ABORTED when `signal` fires. Release it when the request completes. */
  acquire(signal?: AbortSignal): Promise<RatePermit>;
  /** Grants nothing for the next `ms` milliseconds (extends, never shortens, a pause). */
  pauseFor(ms: number): void;
  /** The configured budget, when there is one. */
  readonly options: RateLimitOptions | undefined;
}

const NO_OP_PERMIT: RatePermit = { release: () => undefined };

/** A limiter enforcing `options`; without options it only honours pauses. */
export function createRateLimiter(options?: RateLimitOptions, now: () => number = () => performance.now()): RateLimiter {
  if (options && (!(options.requests >= 1) || !(options.intervalMs > 0))) {
    throw new RangeError('rate limit needs requests >= 1 and a positive interval');
  }
  const requests = options ? Math.floor(options.requests) : 0;
  const interval = options?.intervalMs ?? 0;
  const margin = options?.marginMs ?? 0;
  const burst = options ? Math.max(1, Math.min(requests, Math.floor(options.burst ?? requests))) : 0;
  const rate = options ? requests / interval : 0; // tokens per ms
  /** When each slot is free again; Infinity while its request is in flight. */
  const freeAt: number[] = Array.from({ length: requests }, () => -Infinity);
  let tokens = burst;
  let lastRefill = now();
  let pausedUntil = 0;
  let tail: Promise<void> = Promise.resolve();
  let wakeUp: (() => void) | undefined;
  let released: Promise<void> | undefined;

  const nextRelease = (): Promise<void> =>
    (released ??= new Promise<void>((resolve) => {
      wakeUp = () => {
        released = undefined;
        wakeUp = undefined;
        resolve();
      };
    }));

  /** The earliest free slot and how long until a permit may be granted (Infinity: every slot is busy). */
  const plan = (t: number): { slot: number; wait: number } => {
    let slot = -1;
    let earliest = Infinity;
    for (let i = 0; i < freeAt.length; i++) {
      const f = freeAt[i] ?? Infinity;
      if (f < earliest) {
        earliest = f;
        slot = i;
      }
    }
    let until = Math.max(pausedUntil, options ? earliest : -Infinity);
    if (options) {
      tokens = Math.min(burst, tokens + (t - lastRefill) * rate);
      lastRefill = t;
      if (tokens < 1) until = Math.max(until, t + (1 - tokens) / rate);
    }
    return { slot, wait: Math.max(0, until - t) };
  };

  return {
    options,
    pauseFor(ms: number): void {
      pausedUntil = Math.max(pausedUntil, now() + Math.max(0, ms));
    },
    async acquire(signal?: AbortSignal): Promise<RatePermit> {
      const previous = tail;
      let handOn!: () => void;
      tail = new Promise<void>((resolve) => (handOn = resolve));
      let ownTurn = false;
      try {
        await raceAbort(previous, signal);
        ownTurn = true;
        for (;;) {
          throwIfAborted(signal);
          const { slot, wait } = plan(now());
          if (wait <= 0) {
            if (!options) return NO_OP_PERMIT;
            tokens -= 1;
            freeAt[slot] = Infinity;
            let done = false;
            return {
              release() {
                if (done) return;
                done = true;
                freeAt[slot] = now() + interval + margin;
                wakeUp?.();
              },
            };
          }
          if (wait === Infinity) await raceAbort(nextRelease(), signal);
          else await sleep(Math.ceil(wait), signal);
        }
      } finally {
        // A waiter that gave up before its turn hands the turn on only when its predecessor is done.
        if (ownTurn) handOn();
        else void previous.then(handOn);
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
