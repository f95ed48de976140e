import { describe, expect, it } from 'vitest';
import { runStoreConfigSchema } from './run-store-config.js';

describe('runStoreConfigSchema', () => {
  it('accepts sqlite with an optional path and numbers spelled as strings', () => {
    expect(runStoreConfigSchema.parse({ type: 'sqlite' })).toEqual({ type: 'sqlite' });
    expect(runStoreConfigSchema.parse({ type: 'sqlite', path: 'x.db', busy_timeout_ms: '2000' })).toEqual({ type: 'sqlite', path: 'x.db', busy_timeout_ms: 2000 });
  });

  it('accepts postgres by connection string or fields, defaulting the schema', () => {
    expect(runStoreConfigSchema.parse({ type: 'postgres', connection_string: 'postgres://u@h/db' })).toEqual({
      type: 'postgres',
      connection_string: 'postgres://u@h/db',
      schema: 'basin_runs',
    });
    expect(runStoreConfigSchema.parse({ type: 'postgres', host: 'db', port: '6543', user: 'u', database: 'ops', ssl: 'true', schema: 'runs' })).toEqual({
      type: 'postgres',
      host: 'db',
      port: 6543,
      user: 'u',
      database: 'ops',
      ssl: true,
      schema: 'runs',
    });
  });

  const rejects = (value: unknown): string[] => {
    const result = runStoreConfigSchema.safeParse(value);
    expect(result.success).toBe(false);
    return result.error!.issues.map((i) => i.path.join('.'));
  };

  it('rejects what it cannot use, naming the key', () => {
    expect(rejects({ type: 'mysql' })).toEqual(['type']);
    expect(rejects({ type: 'sqlite', extra: 1 })).toEqual(['']);
    expect(rejects({ type: 'postgres', connection_string: 'postgres://h/db', host: 'h' })).toEqual(['host']);
    expect(rejects({ type: 'postgres', host: 'h' })).toEqual(['user', 'database']);
    expect(rejects({ type: 'postgres', connection_string: 'x', schema: 'Bad-Name' })).toEqual(['schema']);
    expect(rejects({ type: 'postgres', user: 'u', database: 'd', port: 70000 })).toEqual(['port']);
  });
});
