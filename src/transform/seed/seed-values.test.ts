import { describe, expect, it } from 'vitest';
import { parseSeedBoolean } from './seed-boolean.js';
import { isSeedNull } from './seed-null.js';
import { parseSeedNumber } from './seed-number.js';
import { parseSeedDate, parseSeedTimestamp } from './seed-temporal.js';

describe('isSeedNull', () => {
  it.each(['', '  ', 'null', 'NULL', ' Null '])('%j is NULL', (v) => expect(isSeedNull(v)).toBe(true));
  it.each(['na', 'N/A', 'none', '.', '0', 'nil'])('%j is not NULL (dbt uses only "" and "null")', (v) => expect(isSeedNull(v)).toBe(false));
});

describe('parseSeedNumber (agate Number.cast)', () => {
  it.each([
    ['42', true, 42n, 42],
    [' -7 ', true, -7n, -7],
    ['+3', true, 3n, 3],
    ['1,234', true, 1234n, 1234],
    ['$19.99', false, undefined, 19.99],
    ['-$5', true, -5n, -5],
    ['12%', true, 12n, 12],
    ['3.0', true, 3n, 3],
    ['3.50', false, undefined, 3.5],
    ['.5', false, undefined, 0.5],
    ['1e3', true, 1000n, 1000],
    ['10e-1', true, 1n, 1],
    ['1.5e-3', false, undefined, 0.0015],
    ['007', true, 7n, 7],
    ['--5', true, 5n, 5],
    ['0.000', true, 0n, 0],
  ])('%j -> integral %s', (raw, integral, integer, double) => {
    expect(parseSeedNumber(raw)).toEqual({ integral, integer, double });
  });

  it.each(['abc', '1.2.3', '1-2', 'NaN', 'Infinity', 'inf', '1e999', '', '-', '$', 'true', '2024-01-01', '0x10'])(
    '%j is not a number',
    (raw) => expect(parseSeedNumber(raw)).toBeUndefined(),
  );

  it('keeps whole numbers beyond 2^53 exact', () => {
    expect(parseSeedNumber('9007199254740993')?.integer).toBe(9007199254740993n);
    expect(parseSeedNumber('123456789012345678901234')?.integer).toBeUndefined();
  });
});

describe('parseSeedDate', () => {
  it('accepts %Y-%m-%d with 1- or 2-digit month and day', () => {
    expect(parseSeedDate('2024-01-05')).toBe('2024-01-05');
    expect(parseSeedDate(' 2024-1-5 ')).toBe('2024-01-05');
    expect(parseSeedDate('2024-02-29')).toBe('2024-02-29');
  });
  it.each(['2023-02-29', '2024-13-01', '2024-00-10', '01/05/2024', '2024/01/05', '20240105', '24-01-05', '2024-01-05T00:00:00'])(
    '%j is not a date',
    (raw) => expect(parseSeedDate(raw)).toBeUndefined(),
  );
});

describe('parseSeedTimestamp', () => {
  it('accepts T or space, optional seconds, fraction and zone', () => {
    expect(parseSeedTimestamp('2024-01-05 10:20:30')).toEqual({ value: new Date('2024-01-05T10:20:30Z'), zoned: false });
    expect(parseSeedTimestamp('2024-01-05T10:20')).toEqual({ value: new Date('2024-01-05T10:20:00Z'), zoned: false });
    expect(parseSeedTimestamp('2024-01-05T10:20:30.123456')?.value.toISOString()).toBe('2024-01-05T10:20:30.123Z');
    expect(parseSeedTimestamp('2024-01-05T10:20:30,5Z')).toEqual({ value: new Date('2024-01-05T10:20:30.500Z'), zoned: true });
    expect(parseSeedTimestamp('2024-01-05 10:20:30+02:00')?.value.toISOString()).toBe('2024-01-05T08:20:30.000Z');
    expect(parseSeedTimestamp('2024-01-05T10:20:30-0530')?.value.toISOString()).toBe('2024-01-05T15:50:30.000Z');
    expect(parseSeedTimestamp('2024-01-05T10:20:30+01')?.zoned).toBe(true);
    expect(parseSeedTimestamp('0099-01-01T00:00:00')?.value.getUTCFullYear()).toBe(99);
  });
  it.each(['2024-01-05', '2024-01-05T25:00:00', '2024-01-05T10:61', '2024-02-30 10:00:00', '2024-01-05T10:20:30 UTC', '10:20:30'])(
    '%j is not a timestamp',
    (raw) => expect(parseSeedTimestamp(raw)).toBeUndefined(),
  );
});

describe('parseSeedBoolean', () => {
  it('accepts only true/false in any case', () => {
    expect(parseSeedBoolean('TRUE')).toBe(true);
    expect(parseSeedBoolean(' false ')).toBe(false);
    for (const v of ['yes', 'no', 't', 'f', '1', '0', 'y']) expect(parseSeedBoolean(v)).toBeUndefined();
  });
});
