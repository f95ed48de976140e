import { describe, expect, it } from 'vitest';
import { columnNames, snakeCase } from './header-names.js';
import { rangeStart, sheetOfRange } from './sheet-range.js';
import { serialToDate, serialToTimestamp, sheetRecords } from './sheet-records.js';

describe('header names', () => {
  it('snake_cases header texts', () => {
    expect(snakeCase('Plus MRR target')).toBe('plus_mrr_target');
    expect(snakeCase('Budget used %')).toBe('budget_used_pct');
    expect(snakeCase('  Invoice #  ')).toBe('invoice_number');
    expect(snakeCase('accountManagerEmail')).toBe('account_manager_email');
    expect(snakeCase('HTTPStatus')).toBe('http_status');
    expect(snakeCase('Café déjà vu')).toBe('cafe_deja_vu');
    expect(snakeCase('2024 target')).toBe('_2024_target');
    expect(snakeCase('---')).toBe('');
  });

  it('names blank headers by column letter and suffixes duplicates', () => {
    expect(columnNames(['Notes', '', 'notes', 'Notes!', 'Row number', '_row_number'], 8, 2)).toEqual([
      'notes',
      'column_d',
      'notes_2',
      'notes_3',
      'row_number',
      'row_number_2',
      'column_i',
      'column_j',
    ]);
  });
});

describe('ranges', () => {
  it('finds the sheet a range names', () => {
    expect(sheetOfRange("'Revenue targets'!A1:F")).toBe('Revenue targets');
    expect(sheetOfRange("'Bob''s'!A:B")).toBe("Bob's");
    expect(sheetOfRange('Sheet1!A1')).toBe('Sheet1');
    expect(sheetOfRange('Assumptions')).toBe('Assumptions');
    expect(sheetOfRange('A1:D')).toBeUndefined();
  });

  it('reads the first cell of an answered range', () => {
    expect(rangeStart("'Marketing spend'!A1:H1000")).toEqual({ row: 1, column: 0 });
    expect(rangeStart('Sheet1!C5:D9')).toEqual({ row: 5, column: 2 });
    expect(rangeStart('Sheet1!AA10')).toEqual({ row: 10, column: 26 });
  });
});

describe('sheet records', () => {
  it('pads ragged rows, skips empty rows, numbers rows as in the sheet and converts typed dates', () => {
    const table = sheetRecords(
      {
        range: 'Sheet1!B3:F1000',
        values: [
          ['Title row'],
          ['Day', 'Amount', '', 'Amount'],
          [45292, 10.5, 'x', 3, 'extra'],
          [],
          ['', '', ''],
          [45293.5, 7],
        ],
      },
      2,
      { day: 'date' },
    );
    expect(table.columns).toEqual(['day', 'amount', 'column_d', 'amount_2', 'column_f']);
    expect(table.records).toEqual([
      { _row_number: 5, day: '2024-01-01', amount: 10.5, column_d: 'x', amount_2: 3, column_f: 'extra' },
      { _row_number: 8, day: '2024-01-02', amount: 7, column_d: null, amount_2: null, column_f: null },
    ]);
  });

  it('handles an empty range', () => {
    expect(sheetRecords({ range: 'Sheet1!A1:Z1000' }, 1, {})).toEqual({ columns: [], records: [] });
  });

  it('converts serial numbers', () => {
    expect(serialToDate(1)).toBe('1899-12-31');
    expect(serialToDate(45658)).toBe('2025-01-01');
    expect(serialToTimestamp(45658.75)).toBe('2025-01-01T18:00:00.000Z');
  });
});
