import { describe, expect, it } from 'vitest';
import { loadDiscoveryValidator } from './discovery-validator.js';

describe('discovery validator', () => {
  it('accepts what the schema allows and names what it does not', () => {
    const sheets = loadDiscoveryValidator('sheets.v4');
    expect(sheets.errors('ValueRange', { range: "'Plan targets'!A1:C3", majorDimension: 'ROWS', values: [['a', 1, true]] })).toEqual([]);
    expect(sheets.errors('ValueRange', { range: 'A1', majorDimension: 'DIAGONAL' })).toEqual([expect.stringContaining('/majorDimension')]);
    expect(sheets.errors('ValueRange', { range: 'A1', rows: [] })).toEqual([expect.stringContaining('(rows)')]);
  });

  it('treats int64 as a JSON string, as proto3 maps it', () => {
    const firestore = loadDiscoveryValidator('firestore.v1');
    expect(firestore.errors('Value', { integerValue: '42' })).toEqual([]);
    expect(firestore.errors('Value', { integerValue: 42 })).not.toEqual([]);
  });
});
