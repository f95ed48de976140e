/**
 * Serializes async work per key within this process. The SQLite store keys it
 * by database file: better-sqlite3 blocks the thread while waiting for a lock,
 * so two stores on one file in one process must never interleave a statement
 * into the other's open transaction (it would wait on a lock that only this
 * same thread can release). Other processes are kept apart by SQLite's own
 * locks and busy_timeout.
 */
const tails = new Map<string, Promise<void>>();

/** Runs `fn` after every earlier call with the same `key` has settled. */
export function serialize<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const previous = tails.get(key) ?? Promise.resolve();
  const result = previous.then(fn);
  const tail = result.then(
    () => undefined,
    () => undefined,
  );
  tails.set(key, tail);
  void tail.then(() => {
    if (tails.get(key) === tail) tails.delete(key);
  });
  return result;
}
