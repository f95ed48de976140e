import { describe, expect, it } from 'vitest';
import { parseExposureDependency } from './exposure-dependencies.js';

describe('exposure depends_on', () => {
  it('parses refs (with package and version) and sources', () => {
    expect(parseExposureDependency("ref('orders')")).toEqual({ ref: { name: 'orders' } });
    expect(parseExposureDependency(' ref("shop", "orders") ')).toEqual({ ref: { package: 'shop', name: 'orders' } });
    expect(parseExposureDependency("ref('dim', v=2)")).toEqual({ ref: { name: 'dim', version: '2' } });
    expect(parseExposureDependency("ref('dim', version='1')")).toEqual({ ref: { name: 'dim', version: '1' } });
    expect(parseExposureDependency("source('stripe', 'charges')")).toEqual({ source: ['stripe', 'charges'] });
  });

  it('rejects anything else', () => {
    expect(parseExposureDependency('orders')).toBeUndefined();
    expect(parseExposureDependency("metric('revenue')")).toBeUndefined();
  });
});
