import { describe, expect, it } from 'vitest';
import { parseSeedCsv } from './parse-seed-csv.js';
import { SeedError } from './seed-error.js';

const file = 'seeds/x.csv';
const parse = (text: string, options: Partial<Parameters<typeof parseSeedCsv>[1]> = {}) => parseSeedCsv(text, { file, ...options });

function seedError(fn: () => unknown): SeedError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(SeedError);
    expect((err as SeedError).code).toBe('SEED');
    return err as SeedError;
  }
  throw new Error('expected a SeedError');
}

describe('parseSeedCsv: types', () => {
  it('infers each column type in dbt\'s order and converts values', () => {
    const t = parse(
      [
        'id,big,price,day,at,at_tz,active,name,empty',
        '1,3000000000,9.99,2024-01-05,2024-01-05 10:00:00,2024-01-05T10:00:00Z,true,Alice,',
        '2,-1,10,2024-1-6,2024-01-06T11:30:00.250,2024-01-06T11:30:00+01:00,FALSE,"Bob, Jr.",null',
        ',,,,,,,,',
      ].join('\n'),
    );
    expect(t.columns).toEqual([
      { name: 'id', logicalType: 'integer' },
      { name: 'big', logicalType: 'bigint' },
      { name: 'price', logicalType: 'double' },
      { name: 'day', logicalType: 'date' },
      { name: 'at', logicalType: 'timestamp' },
      { name: 'at_tz', logicalType: 'timestamptz' },
      { name: 'active', logicalType: 'boolean' },
      { name: 'name', logicalType: 'text' },
      { name: 'empty', logicalType: 'integer' },
    ]);
    expect(t.rows[0]).toEqual({
      id: 1, big: 3000000000, price: 9.99, day: '2024-01-05', at: new Date('2024-01-05T10:00:00Z'),
      at_tz: new Date('2024-01-05T10:00:00Z'), active: true, name: 'Alice', empty: null,
    });
    expect(t.rows[1]).toMatchObject({ price: 10, day: '2024-01-06', active: false, name: 'Bob, Jr.', at_tz: new Date('2024-01-06T10:30:00Z') });
    expect(t.rows[2]).toEqual({ id: null, big: null, price: null, day: null, at: null, at_tz: null, active: null, name: null, empty: null });
  });

  it('falls back to text when values disagree, keeping text unchanged', () => {
    const t = parse('a,b,c,d\n1,2024-01-01,true,yes\n2024-01-01,2024-01-01 10:00:00,1, no \n');
    expect(t.columns.map((c) => c.logicalType)).toEqual(['text', 'text', 'text', 'text']);
    expect(t.rows[1]).toEqual({ a: '2024-01-01', b: '2024-01-01 10:00:00', c: '1', d: ' no ' });
  });

  it('treats whole-valued decimals as integers and zero-padded codes as numbers, as dbt does', () => {
    const t = parse('n,zip\n1.0,01234\n2.00,00501\n');
    expect(t.columns.map((c) => c.logicalType)).toEqual(['integer', 'integer']);
    expect(t.rows[0]).toEqual({ n: 1, zip: 1234 });
  });

  it('uses bigint values beyond 2^53 and double beyond 64 bits', () => {
    const t = parse('a,b\n9223372036854775807,99999999999999999999\n1,1\n');
    expect(t.columns.map((c) => c.logicalType)).toEqual(['bigint', 'double']);
    expect(t.rows[0]).toEqual({ a: 9223372036854775807n, b: 1e20 });
    expect(t.rows[1]).toEqual({ a: 1, b: 1 });
  });

  it('lets column_types override inference and keeps those values as strings', () => {
    const t = parse('zip,amount\n01234,5\nnull,\n', { columnTypes: { zip: 'varchar(5)' } });
    expect(t.columns).toEqual([
      { name: 'zip', logicalType: 'text', nativeTypeOverride: 'varchar(5)' },
      { name: 'amount', logicalType: 'integer' },
    ]);
    expect(t.rows).toEqual([{ zip: '01234', amount: 5 }, { zip: null, amount: null }]);
  });

  it('reads a header-only seed', () => {
    expect(parse('a,b\n')).toEqual({ columns: [{ name: 'a', logicalType: 'integer' }, { name: 'b', logicalType: 'integer' }], rows: [] });
  });
});

describe('parseSeedCsv: CSV syntax', () => {
  it('handles a BOM, CRLF, quoted fields with newlines and quotes, blank lines', () => {
    const t = parse('\ufeffid,note\r\n1,"line1\r\nline2"\r\n\r\n2,"say ""hi"""\r\n');
    expect(t.columns.map((c) => c.name)).toEqual(['id', 'note']);
    expect(t.rows).toEqual([{ id: 1, note: 'line1\r\nline2' }, { id: 2, note: 'say "hi"' }]);
  });

  it('accepts bytes and a custom delimiter', () => {
    const t = parseSeedCsv(new TextEncoder().encode('a;b\n1;x,y\n'), { file, delimiter: ';' });
    expect(t.rows).toEqual([{ a: 1, b: 'x,y' }]);
  });

  it('keeps a blank row in a one-column seed as NULL', () => {
    expect(parse('a\n1\n""\n2\n').rows).toEqual([{ a: 1 }, { a: null }, { a: 2 }]);
  });

  it('stores a __proto__ column as data', () => {
    const row = parse('__proto__,b\nx,1\n').rows[0]!;
    expect(Object.keys(row)).toEqual(['__proto__', 'b']);
    expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
  });
});

describe('parseSeedCsv: errors name file and line', () => {
  it('ragged rows, counting lines across quoted newlines, CRLF and blank lines', () => {
    const e = seedError(() => parse('a,b\r\n1,"x\r\ny"\r\n\r\n3,4\r\n5\r\n'));
    expect(e.message).toBe('seeds/x.csv:6: row has 1 value but the header has 2 columns');
    expect(e.line).toBe(6);
    expect(seedError(() => parse('a,b\n1,2,3\n')).message).toBe('seeds/x.csv:2: row has 3 values but the header has 2 columns');
  });

  it('duplicate and empty header names', () => {
    expect(seedError(() => parse('id,name,id\n1,2,3\n')).message).toBe(
      'seeds/x.csv:1: duplicate column name "id" (columns 1 and 3)',
    );
    expect(seedError(() => parse('id,,x\n1,2,3\n')).message).toBe('seeds/x.csv:1: column 2 of the header has no name');
    expect(seedError(() => parse('\n\nid, \n1,2\n')).message).toBe('seeds/x.csv:3: column 2 of the header has no name');
  });

  it('empty files and unclosed quotes', () => {
    expect(seedError(() => parse('')).message).toMatch(/^seeds\/x\.csv:1: the file is empty/);
    expect(seedError(() => parse('a,b\n1,2\n3,"4\n5,6\n')).message).toMatch(/^seeds\/x\.csv:3: a quoted field is never closed/);
  });
});

describe('parseSeedCsv: size', () => {
  it('reads 100,000 rows in linear time', () => {
    const lines = ['id,amount,day,flag,label'];
    for (let i = 0; i < 100_000; i++) lines.push(`${i},${i}.5,2024-01-${(i % 28) + 1},${i % 2 === 0},row ${i}`);
    const t0 = performance.now();
    const t = parse(lines.join('\n'));
    const elapsed = performance.now() - t0;
    expect(t.rows).toHaveLength(100_000);
    expect(t.columns.map((c) => c.logicalType)).toEqual(['integer', 'double', 'date', 'boolean', 'text']);
    expect(elapsed).toBeLessThan(10_000);
  });
});
