import { describe, expect, it } from 'vitest';
import { decodeId, encodeId } from './id-codec.js';

describe('id codec', () => {
  it('round-trips lanes and indexes and looks like a Stripe id', () => {
    for (const [lane, index] of [[0, 0], [1024, 1], [4 * 1024 + 17, 123_456], [65535, 2 ** 32 - 1]] as const) {
      const id = encodeId('cus', 42, lane, index);
      expect(id).toMatch(/^cus_[0-9A-Za-z]{14}$/);
      expect(decodeId('cus', 42, id)).toEqual({ lane, index });
    }
  });

  it('rejects made-up ids, other prefixes and other seeds', () => {
    const id = encodeId('cus', 42, 1024, 7);
    expect(decodeId('cus', 43, id)).toBeUndefined();
    expect(decodeId('sub', 42, id.replace('cus_', 'sub_'))).toBeUndefined();
    expect(decodeId('cus', 42, 'cus_NffrFeUfNV2Hib')).toBeUndefined();
    expect(decodeId('cus', 42, `${id.slice(0, -1)}x`)).toBeUndefined();
  });

  it('spreads the first characters', () => {
    const firsts = new Set(Array.from({ length: 200 }, (_, i) => encodeId('ch', 1, 0, i)[3]));
    expect(firsts.size).toBeGreaterThan(8);
  });
});
