import { describe, expect, it } from 'vitest';
import { BasinError } from '../../../core/errors.js';
import { columnLetters, parseSheetTarget, quotedSheet } from './sheet-target.js';

describe('parseSheetTarget', () => {
  it('reads a sheet name alone as its A1 cell', () => {
    expect(parseSheetTarget('Account health')).toEqual({ sheet: 'Account health', row: 0, column: 0 });
  });

  it('reads a start cell after "!", quoted or not', () => {
    expect(parseSheetTarget('Account health!B3')).toEqual({ sheet: 'Account health', row: 2, column: 1 });
    expect(parseSheetTarget("'Account health'!$AA$10")).toEqual({ sheet: 'Account health', row: 9, column: 26 });
    expect(parseSheetTarget("'Q1 ''24'")).toEqual({ sheet: "Q1 '24", row: 0, column: 0 });
    expect(parseSheetTarget("'a!b'!C1")).toEqual({ sheet: 'a!b', row: 0, column: 2 });
  });

  it('refuses what is not a sheet with a cell, naming the object', () => {
    for (const bad of ['', '!A1', 'Sheet1!A0', 'Sheet1!A1:B2', 'Sheet1!ZZZZ1', "'unclosed", 'Sheet1!B']) {
      const err = (() => {
        try {
          parseSheetTarget(bad);
          return undefined;
        } catch (e) {
          return e as BasinError;
        }
      })();
      expect(err?.code, bad).toBe('CONFIG_INVALID');
      expect(err?.message).toContain(`object "${bad}"`);
    }
  });
});

describe('ranges', () => {
  it('quotes every sheet name, doubling quotes', () => {
    expect(quotedSheet('Sheet1')).toBe("'Sheet1'");
    expect(quotedSheet("Bob's")).toBe("'Bob''s'");
    expect(columnLetters(0)).toBe('A');
    expect(columnLetters(25)).toBe('Z');
    expect(columnLetters(26)).toBe('AA');
    expect(columnLetters(18_277)).toBe('ZZZ');
  });
});
