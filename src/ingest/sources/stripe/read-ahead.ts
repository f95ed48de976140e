/**
 * Runs an async iterator up to `depth` items ahead of its consumer, so the
 * next batches are fetched while the loader writes the current one. Items
 * come out in order; errors surface where their item would have. Stopping
 * early waits for the in-flight items, then closes the iterator.
 */
export async function* readAhead<T>(inner: AsyncGenerator<T>, depth: number): AsyncGenerator<T> {
  const pending: Array<Promise<IteratorResult<T>>> = [];
  let finished = false;
  const fill = (): void => {
    while (!finished && pending.length < depth) {
      const next = inner.next();
      next.then((r) => (finished ||= r.done === true), () => (finished = true));
      pending.push(next);
    }
  };
  try {
    for (;;) {
      fill();
      const result = await pending.shift();
      if (!result || result.done) return;
      // `depth` items stay in flight while the consumer handles this one.
      fill();
      yield result.value;
    }
  } finally {
    await Promise.allSettled(pending);
    await inner.return(undefined);
  }
}
