import { describe, expect, it } from 'vitest';
import { readAhead } from './read-ahead.js';

async function* numbers(n: number, failAt = -1, log: string[] = []): AsyncGenerator<number> {
  try {
    for (let i = 0; i < n; i++) {
      await new Promise((r) => setTimeout(r, 1));
      if (i === failAt) throw new Error(`boom at ${i}`);
      log.push(`made ${i}`);
      yield i;
    }
  } finally {
    log.push('closed');
  }
}

describe('readAhead', () => {
  it('keeps order, runs ahead of the consumer, and closes the source when stopped early', async () => {
    const all: number[] = [];
    for await (const x of readAhead(numbers(7), 2)) all.push(x);
    expect(all).toEqual([0, 1, 2, 3, 4, 5, 6]);

    const log: string[] = [];
    for await (const x of readAhead(numbers(10, -1, log), 2)) {
      log.push(`got ${x}`);
      await new Promise((r) => setTimeout(r, 10));
      if (x === 1) break;
    }
    expect(log.indexOf('made 2')).toBeLessThan(log.indexOf('got 1'));
    expect(log.at(-1)).toBe('closed');
    expect(log.filter((l) => l.startsWith('made')).length).toBeLessThanOrEqual(4);
  });

  it('raises the source\'s error where its item would have come', async () => {
    const got: number[] = [];
    await expect(async () => {
      for await (const x of readAhead(numbers(5, 3), 2)) got.push(x);
    }).rejects.toThrow('boom at 3');
    expect(got).toEqual([0, 1, 2]);
  });
});
