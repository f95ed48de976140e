import { describe, expect, it } from 'vitest';
import { BasinError } from '../../core/errors.js';
import { syncTables, validateSyncDiffSpec, type SyncDiffSpec } from './sync-diff-spec.js';

const ok: SyncDiffSpec = {
  sync: 'hubspot_companies',
  source: { relation: { schema: 'marts', name: 'companies' } },
  key: ['id'],
  payload: [{ column: 'name', field: 'name' }],
  mode: 'upsert',
};

function problem(spec: SyncDiffSpec): string {
  try {
    validateSyncDiffSpec(spec);
  } catch (err) {
    expect(err).toBeInstanceOf(BasinError);
    expect((err as BasinError).code).toBe('CONFIG_INVALID');
    return (err as Error).message;
  }
  return 'valid';
}

describe('SyncDiffSpec', () => {
  it('names the state, plan and rejects tables after the sync', () => {
    expect(syncTables('hubspot_companies')).toEqual({
      state: { schema: '_basin_activate', name: 'hubspot_companies' },
      plan: { schema: '_basin_activate', name: 'hubspot_companies__plan' },
      rejects: { schema: '_basin_activate', name: 'hubspot_companies__rejects' },
    });
    expect(syncTables('s', 'other').plan).toEqual({ schema: 'other', name: 's__plan' });
  });

  it('accepts a valid spec and rejects each kind of mistake', () => {
    expect(problem(ok)).toBe('valid');
    expect(problem({ ...ok, source: { sql: 'select 1 as id, 2 as name' }, key: ['a', 'b'], mode: 'mirror' })).toBe('valid');
    expect(problem({ ...ok, sync: 'Has-Dash' })).toContain('sync name "Has-Dash"');
    expect(problem({ ...ok, sync: 'a__b' })).toContain('no "__"');
    expect(problem({ ...ok, sync: 'x'.repeat(41) })).toContain('at most 40');
    expect(problem({ ...ok, mode: 'merge' as never })).toContain('mode must be one of upsert, update, insert, mirror');
    expect(problem({ ...ok, source: { sql: '  ' } })).toContain('source SQL is empty');
    expect(problem({ ...ok, source: { relation: { schema: '', name: 't' } } })).toContain('schema and a name');
    expect(problem({ ...ok, key: [] })).toContain('at least one column');
    expect(problem({ ...ok, key: ['id', 'id'] })).toContain('twice');
    expect(problem({ ...ok, payload: [] })).toContain('map at least one column');
    expect(problem({ ...ok, payload: [{ column: 'a', field: '_basin_op' }] })).toContain('reserved prefix');
    expect(problem({ ...ok, payload: [{ column: 'a', field: 'x' }, { column: 'b', field: 'X' }] })).toContain('mapped twice');
  });
});
