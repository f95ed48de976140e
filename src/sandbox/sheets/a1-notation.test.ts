import { describe, expect, it } from 'vitest';
import { boundRange, columnIndex, columnLetters, formatRange, parseA1, quoteSheetName } from './a1-notation.js';

const sheets = new Set(['Sheet1', 'My sheet', "Bob's data", 'A1']);
const parse = (text: string) => parseA1(text, (n) => sheets.has(n));

describe('A1 notation', () => {
  it('converts column letters both ways', () => {
    expect([0, 25, 26, 51, 701, 702].map(columnLetters)).toEqual(['A', 'Z', 'AA', 'AZ', 'ZZ', 'AAA']);
    expect(['A', 'Z', 'AA', 'ZZ', 'aaa'].map(columnIndex)).toEqual([0, 25, 26, 701, 702]);
  });

  it('parses sheet-qualified, open-ended, whole-column, whole-row and single-cell ranges', () => {
    expect(parse('Sheet1!A1:D5')).toEqual({ sheet: 'Sheet1', startRow: 0, startColumn: 0, endRow: 5, endColumn: 4, singleCell: false });
    expect(parse("'My sheet'!A2:D")).toEqual({ sheet: 'My sheet', startRow: 1, startColumn: 0, endRow: undefined, endColumn: 4, singleCell: false });
    expect(parse('Sheet1!B:C')).toMatchObject({ startRow: 0, startColumn: 1, endRow: undefined, endColumn: 3 });
    expect(parse('Sheet1!2:4')).toMatchObject({ startRow: 1, startColumn: 0, endRow: 4, endColumn: undefined });
    expect(parse('Sheet1!C3')).toMatchObject({ startRow: 2, startColumn: 2, endRow: 3, endColumn: 3, singleCell: true });
    expect(parse("'Bob''s data'!A1")).toMatchObject({ sheet: "Bob's data" });
    expect(parse('Sheet1!R2C1:R10C4')).toEqual({ sheet: 'Sheet1', startRow: 1, startColumn: 0, endRow: 10, endColumn: 4, singleCell: false });
    expect(parse('R3C2')).toMatchObject({ sheet: undefined, startRow: 2, startColumn: 1, singleCell: true });
    expect(parse('B2:A1')).toMatchObject({ sheet: undefined, startRow: 0, startColumn: 0, endRow: 2, endColumn: 2 });
  });

  it('reads a bare name as a sheet when one has that name, else as cells', () => {
    expect(parse('My sheet')).toMatchObject({ sheet: 'My sheet', endRow: undefined, endColumn: undefined });
    expect(parse('A1')).toMatchObject({ sheet: 'A1', singleCell: false });
    expect(parse('B7')).toMatchObject({ sheet: undefined, singleCell: true, startRow: 6 });
  });

  it('refuses what is not a range', () => {
    for (const bad of ['', 'Nope', 'Sheet1!', 'Sheet1!A1:B2:C3', "'Unclosed!A1", 'Sheet1!1A', 'Sheet1!A', "'a'b'!A1"]) expect(parse(bad), bad).toBeUndefined();
  });

  it('writes ranges as the API answers them', () => {
    expect(quoteSheetName('Sheet1')).toBe('Sheet1');
    expect(quoteSheetName('My sheet')).toBe("'My sheet'");
    expect(quoteSheetName("Bob's")).toBe("'Bob''s'");
    expect(quoteSheetName('AB12')).toBe("'AB12'");
    const whole = parse('Sheet1')!;
    expect(formatRange('Sheet1', boundRange(whole, 1000, 26), false)).toBe('Sheet1!A1:Z1000');
    expect(formatRange('My sheet', boundRange(parse("'My sheet'!A2:D")!, 1000, 26), false)).toBe("'My sheet'!A2:D1000");
    expect(formatRange('Sheet1', boundRange(parse('Sheet1!C3')!, 1000, 26), true)).toBe('Sheet1!C3');
    expect(formatRange('Sheet1', boundRange(parse('Sheet1!A1:AZ5000')!, 1000, 26), false)).toBe('Sheet1!A1:Z1000');
  });
});
