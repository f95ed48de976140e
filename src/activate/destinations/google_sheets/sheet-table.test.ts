import { describe, expect, it } from 'vitest';
import type { DestinationRecord } from '../../destination.js';
import { cellValue, chunkRows, sheetTable } from './sheet-table.js';

describe('cellValue', () => {
  it('keeps numbers and booleans, empties null, writes text as text', () => {
    expect(cellValue(12.5, 'RAW')).toBe(12.5);
    expect(cellValue(true, 'RAW')).toBe(true);
    expect(cellValue(null, 'RAW')).toBe('');
    expect(cellValue(undefined, 'USER_ENTERED')).toBe('');
    expect(cellValue('2024-01-02', 'RAW')).toBe('2024-01-02');
    expect(cellValue(Number.NaN, 'RAW')).toBe('NaN');
  });

  it('keeps every digit of big integers', () => {
    expect(cellValue(42n, 'RAW')).toBe(42);
    expect(cellValue(9007199254740993n, 'RAW')).toBe('9007199254740993');
  });

  it('writes timestamps as ISO text (RAW) or as a date-time Sheets parses (USER_ENTERED)', () => {
    const ts = new Date('2024-01-02T03:04:05.123Z');
    expect(cellValue(ts, 'RAW')).toBe('2024-01-02T03:04:05.123Z');
    expect(cellValue(ts, 'USER_ENTERED')).toBe('2024-01-02 03:04:05.123');
    expect(cellValue(new Date('2024-01-02T03:04:05Z'), 'USER_ENTERED')).toBe('2024-01-02 03:04:05');
  });

  it('writes JSON as its text and binary as base64', () => {
    expect(cellValue({ a: [1, null] }, 'RAW')).toBe('{"a":[1,null]}');
    expect(cellValue([], 'RAW')).toBe('[]');
    expect(cellValue(new Uint8Array([1, 2, 255]), 'RAW')).toBe('AQL/');
  });
});

describe('sheetTable', () => {
  it('puts the header first and fields in mapping order', () => {
    const rows = sheetTable([{ key: '1', fields: { b: 2, a: 'x' } }, { key: '2', fields: { a: null } }], ['a', 'b'], 'RAW');
    expect(rows).toEqual([['a', 'b'], ['x', 2], ['', '']]);
  });

  it('refuses more cells than a spreadsheet holds and longer text than a cell holds', () => {
    const many = new Array<DestinationRecord>(5_000_000);
    expect(() => sheetTable(many, ['a', 'b'], 'RAW')).toThrow(/10000002 cells: a spreadsheet holds at most 10000000/);
    expect(() => sheetTable([{ key: 'k9', fields: { a: 'x'.repeat(50_001) } }], ['a'], 'RAW')).toThrow(/row k9, field a: 50001 characters/);
  });
});

describe('chunkRows', () => {
  it('splits rows into slices within the byte bound, each after the first repeating the row before it', () => {
    const rows = Array.from({ length: 10 }, (_, k) => [`row${k}`, k]);
    const chunks = chunkRows(rows, 60);
    expect(chunks.length).toBeGreaterThan(2);
    expect(chunks[0]!.offset).toBe(0);
    for (const c of chunks) {
      expect(JSON.stringify(c.rows).length).toBeLessThanOrEqual(60);
      expect(c.rows).toEqual(rows.slice(c.offset, c.offset + c.rows.length));
    }
    for (let k = 1; k < chunks.length; k++) expect(chunks[k]!.offset).toBe(chunks[k - 1]!.offset + chunks[k - 1]!.rows.length - 1);
    expect(chunks.at(-1)!.offset + chunks.at(-1)!.rows.length).toBe(rows.length);
  });

  it('sends a row bigger than the bound without another new row', () => {
    const chunks = chunkRows([['a'], ['x'.repeat(100)], ['b']], 20);
    expect(chunks).toEqual([
      { offset: 0, rows: [['a']] },
      { offset: 0, rows: [['a'], ['x'.repeat(100)]] },
      { offset: 1, rows: [['x'.repeat(100)], ['b']] },
    ]);
    expect(chunkRows([], 20)).toEqual([]);
    expect(chunkRows([['a']], 20)).toEqual([{ offset: 0, rows: [['a']] }]);
  });
});
