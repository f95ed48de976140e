import { describe, expect, it } from 'vitest';
import { CsvRowSplitter, csvHeader, splitCsvRow } from './copy-csv.js';

describe('COPY CSV rows', () => {
  it('finds row ends outside quotes, across buffers split anywhere (inside quotes, inside a UTF-8 character)', () => {
    const text = '"1","a\n""b"",\nc",\\N\n"2","€","\\N"\n"3","",\\N\n';
    const input = Buffer.from(text);
    for (const step of [1, 2, 3, 7, input.length]) {
      const splitter = new CsvRowSplitter();
      const rows: string[] = [];
      for (let i = 0; i < input.length; i += step) {
        const { data, ends } = splitter.push(input.subarray(i, i + step));
        let start = 0;
        for (const end of ends) {
          rows.push(data.toString('utf8', start, end - 1));
          start = end;
        }
      }
      splitter.end();
      expect(rows.map(splitCsvRow)).toEqual([
        ['1', 'a\n"b",\nc', null],
        ['2', '€', '\\N'],
        ['3', '', null],
      ]);
    }
  });

  it('rejects output that ends inside a row, and malformed rows', () => {
    const splitter = new CsvRowSplitter();
    splitter.push(Buffer.from('"1"\n"2'));
    expect(() => splitter.end()).toThrow(/inside a row/);
    expect(() => splitCsvRow('"a"b')).toThrow(/malformed/);
    expect(() => splitCsvRow('"a')).toThrow(/unterminated/);
  });

  it('writes a quoted header', () => {
    expect(csvHeader(['id', 'a"b']).toString()).toBe('"id","a""b"\n');
  });
});
