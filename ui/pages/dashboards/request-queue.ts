/**
 * At most `limit` tasks running at once, the rest waiting in order, pure: a
 * page of many charts does not open more requests than the server's pool
 * runs. A waiting task whose signal fires leaves the queue (rejected with
 * the signal's reason) without running.
 */

export interface RequestQueue {
  run<T>(task: () => Promise<T>, signal: AbortSignal): Promise<T>;
}

/** A queue running at most `limit` tasks at once. */
export function createRequestQueue(limit: number): RequestQueue {
  let running = 0;
  const waiting: Array<() => void> = [];
  const next = () => {
    while (running < limit && waiting.length > 0) waiting.shift()!();
  };
  return {
    run<T>(task: () => Promise<T>, signal: AbortSignal): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        const start = () => {
          signal.removeEventListener('abort', leave);
          if (signal.aborted) {
            reject(signal.reason);
            return;
          }
          running++;
          task()
            .then(resolve, reject)
            .finally(() => {
              running--;
              next();
            });
        };
        const leave = () => {
          const at = waiting.indexOf(start);
          if (at >= 0) waiting.splice(at, 1);
          reject(signal.reason);
        };
        if (signal.aborted) {
          reject(signal.reason);
          return;
        }
        signal.addEventListener('abort', leave, { once: true });
        waiting.push(start);
        next();
      });
    },
  };
}
