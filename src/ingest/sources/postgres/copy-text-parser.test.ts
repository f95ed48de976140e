import { describe, expect, it } from 'vitest';
import { CopyTextParser } from './copy-text-parser.js';

const id = (s: string): string => s;

describe('CopyTextParser', () => {
  it('parses rows, NULLs, escapes and rows split across chunks (also inside a UTF-8 character)', () => {
    const p = new CopyTextParser(['a', 'b', 'c'], [Number, id, id]);
    const input = Buffer.from('1\thé\\tllo\\nworld\t\\N\n2\t\\\\N\tx\\\\y\n3\t\t€\n');
    const out: Array<Record<string, unknown>> = [];
    for (let i = 0; i < input.length; i += 3) p.push(input.subarray(i, i + 3), out);
    p.end();
    expect(out).toEqual([
      { a: 1, b: 'hé\tllo\nworld', c: null },
      { a: 2, b: '\\N', c: 'x\\y' },
      { a: 3, b: '', c: '€' },
    ]);
  });

  it('rejects output that ends inside a row', () => {
    const p = new CopyTextParser(['a'], [id]);
    p.push(Buffer.from('1\n2'), []);
    expect(() => p.end()).toThrow(/inside a row/);
  });
});

describe('CopyTextParser row shapes', () => {
  it('keeps awkward column names as plain own keys (quotes, __proto__, duplicates: last wins)', () => {
    const out: Array<Record<string, unknown>> = [];
    new CopyTextParser(['a"b', 'c\\d'], [id, id]).push(Buffer.from('1\t2\n'), out);
    new CopyTextParser(['__proto__', 'x', 'x'], [id, id, id]).push(Buffer.from('p\t1\t2\n'), out);
    expect(out[0]).toEqual({ 'a"b': '1', 'c\\d': '2' });
    expect(Object.getPrototypeOf(out[1])).toBe(Object.prototype);
    expect(Object.keys(out[1] ?? {})).toEqual(['__proto__', 'x']);
    expect(out[1]?.x).toBe('2');
  });
});
