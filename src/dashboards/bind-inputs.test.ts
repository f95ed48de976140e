import { describe, expect, it } from 'vitest';
import { bindInputs } from './bind-inputs.js';
import { dateRange, resolveInputs } from './resolve-inputs.js';

describe('bindInputs', () => {
  const values = new Map<string, unknown>([
    ['range', { start: '2026-01-01', end: '2026-01-31' }],
    ['plan', "team'; drop table users; --"],
  ]) as Map<string, never>;

  it('binds every reference as a parameter, never as SQL text', () => {
    const bound = bindInputs('select * from t where d between ${inputs.range.start} and ${ inputs.range.end } and plan = ${inputs.plan} or alt = ${inputs.plan}', values, { query: 'q' });
    expect(bound.sql).toBe('select * from t where d between CAST($1 AS DATE) and CAST($2 AS DATE) and plan = CAST($3 AS TEXT) or alt = CAST($4 AS TEXT)');
    expect(bound.params).toEqual(['2026-01-01', '2026-01-31', "team'; drop table users; --", "team'; drop table users; --"]);
  });

  it('refuses references inside quotes or comments, unknown inputs and the wrong shape', () => {
    expect(() => bindInputs("select '${inputs.plan}'", values, { query: 'q' })).toThrow(/inside quotes; write it bare/);
    expect(() => bindInputs('select 1 -- ${inputs.plan}', values, { query: 'q' })).toThrow(/inside quotes/);
    expect(() => bindInputs('select ${inputs.nope}', values, { query: 'q' })).toThrow(/no value for input "nope"/);
    expect(() => bindInputs('select ${inputs.range}', values, { query: 'q' })).toThrow(/is a date range/);
    expect(() => bindInputs('select ${inputs.plan.start}', values, { query: 'q' })).toThrow(/is not a date range/);
  });
});

describe('resolveInputs', () => {
  const today = new Date('2026-03-10T15:00:00Z');
  it('resolves date ranges from defaults and URL values, and refuses bad ones', () => {
    expect(dateRange({ name: 'r' }, 'last_7_days', today)).toEqual({ start: '2026-03-04', end: '2026-03-10' });
    expect(dateRange({ name: 'r' }, '2026-01-01..2026-02-01', today)).toEqual({ start: '2026-01-01', end: '2026-02-01' });
    expect(dateRange({ name: 'r' }, 'all', today)).toEqual({ start: '0001-01-01', end: '9999-12-31' });
    expect(() => dateRange({ name: 'r' }, '2026-02-30..2026-03-01', today)).toThrow(/expected a date range/);
    expect(() => dateRange({ name: 'r' }, '2026-03-01..2026-02-01', today)).toThrow(/expected a date range/);
  });

  it('accepts only a dropdown option (or All when offered), defaults to the first option', () => {
    const dd = { kind: 'input', name: 'plan', type: 'dropdown', allowAll: false, location: { file: 'f' } } as const;
    const opts = { today, optionsOf: () => ['free', 'team'] };
    expect(resolveInputs([dd], {}, opts).get('plan')).toBe('free');
    expect(resolveInputs([dd], { plan: 'team' }, opts).get('plan')).toBe('team');
    expect(() => resolveInputs([dd], { plan: 'x' }, opts)).toThrow(/"x" is not one of its options/);
    expect(resolveInputs([{ ...dd, allowAll: true }], {}, opts).get('plan')).toBeNull();
  });
});
