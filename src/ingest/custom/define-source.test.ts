import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { defineSource, isDefinedSource } from './define-source.js';

describe('defineSource', () => {
  it('brands the definition and infers the config type from a schema function', () => {
    const source = defineSource({
      type: 'billing_api',
      config: (zod) => zod.object({ base_url: zod.string().url(), token: zod.string(), pages: zod.number().default(3) }),
      streams: (config) => {
        expectTypeOf(config).toEqualTypeOf<{ base_url: string; token: string; pages: number }>();
        return [{ name: 'invoices', primaryKey: ['id'], async *read({ state }) { yield { records: [{ id: 1 }], state: { cursor: state?.cursor } }; } }];
      },
      check: (config) => ({ ok: config.token.length > 0, message: 'token present' }),
    });
    expect(isDefinedSource(source)).toBe(true);
    expect(Object.isFrozen(source)).toBe(true);
    expect(source.type).toBe('billing_api');
  });

  it('infers from a schema given directly, and defaults to any mapping', () => {
    defineSource({
      config: z.object({ count: z.number() }),
      streams: (config) => {
        expectTypeOf(config).toEqualTypeOf<{ count: number }>();
        return [];
      },
    });
    defineSource({
      streams: (config) => {
        expectTypeOf(config).toEqualTypeOf<Record<string, unknown>>();
        return [];
      },
    });
  });

  it('tells definitions from other values', () => {
    expect(isDefinedSource({ streams: () => [] })).toBe(false);
    expect(isDefinedSource(null)).toBe(false);
    expect(isDefinedSource({ [Symbol.for('basin.custom-source')]: 1 })).toBe(true);
  });
});
