import { describe, expect, it } from 'vitest';
import { batchErrorItems, isValueRefusal, refusalOf } from './hubspot-errors.js';
import { hubspotTarget } from './hubspot-target.js';
import { associationField, hubspotInput, hubspotValue } from './hubspot-values.js';

const problems = (list: Array<{ name: string; error: string; message: string }>) =>
  JSON.stringify({ status: 'error', category: 'VALIDATION_ERROR', message: `Property values were not valid: ${JSON.stringify(list.map((p) => ({ isValid: false, ...p })))}` });

describe('hubspot values', () => {
  it('writes values as HubSpot property text', () => {
    expect(hubspotValue(null)).toBe('');
    expect(hubspotValue(undefined)).toBe('');
    expect(hubspotValue(42)).toBe('42');
    expect(hubspotValue(Number.NaN)).toBe('');
    expect(hubspotValue(12345678901234567890n)).toBe('12345678901234567890');
    expect(hubspotValue(true)).toBe('true');
    expect(hubspotValue(new Date('2026-01-15T00:00:00Z'))).toBe(String(Date.UTC(2026, 0, 15)));
    expect(hubspotValue(['a', 'b'])).toBe('a;b');
    expect(hubspotValue({ a: 1 })).toBe('{"a":1}');
  });

  it('splits association fields from properties and writes the key as its property', () => {
    const input = hubspotInput({ key: 'org_1', fields: { name: 'Acme', 'association:Contacts:email': 'a@x.io', 'association:deals:deal_ref': null } }, 'organization_id');
    expect(input).toEqual({ properties: { name: 'Acme', organization_id: 'org_1' }, associations: [{ field: 'association:Contacts:email', to: 'contacts', idProperty: 'email', value: 'a@x.io' }] });
    expect(hubspotInput({ key: '77', fields: { hs_object_id: '77', name: 'x' } }, 'hs_object_id').properties).toEqual({ name: 'x' });
    expect(() => associationField('association:companies')).toThrow(/association:<to_object>:<to_id_property>/);
    expect(associationField('name')).toBeUndefined();
  });

  it('resolves targets: objects, default and required keys, ops by key', () => {
    expect(hubspotTarget({ object: 'Contacts' })).toEqual({ object: 'contacts', keyField: 'email', ops: ['upsert', 'update', 'insert', 'delete'] });
    expect(hubspotTarget({ object: '2-4815162', keyField: 'org_id' }).object).toBe('2-4815162');
    expect(() => hubspotTarget({ object: 'deals' })).toThrow(/destination_key is required/);
    expect(() => hubspotTarget({ object: 'companies', keyField: 'bad key' })).toThrow(/not a HubSpot property name/);
  });
});

describe('hubspot errors', () => {
  it('reads a VALIDATION_ERROR into messages, and tells value problems from property problems', () => {
    const value = refusalOf(problems([{ name: 'plan', error: 'INVALID_OPTION', message: 'gold was not one of the allowed options: [plus, pro]' }]));
    expect(value).toMatchObject({ category: 'VALIDATION_ERROR', message: 'plan: gold was not one of the allowed options: [plus, pro]' });
    expect(isValueRefusal(value)).toBe(true);
    const property = refusalOf(problems([{ name: 'nope', error: 'PROPERTY_DOESNT_EXIST', message: 'Property "nope" does not exist' }, { name: 'plan', error: 'INVALID_OPTION', message: 'x' }]));
    expect(property.message).toBe('Property "nope" does not exist; plan: x');
    expect(isValueRefusal(property)).toBe(false);
    const other = refusalOf(JSON.stringify({ status: 'error', category: 'VALIDATION_ERROR', message: 'Duplicate IDs found in batch input: [a]' }));
    expect(other).toMatchObject({ message: 'Duplicate IDs found in batch input: [a]', problems: [] });
    expect(isValueRefusal(other)).toBe(false);
    expect(refusalOf('not json').message).toBe('not json');
  });

  it('reads 207 error items with their ids and trace ids', () => {
    const body = { errors: [{ status: 'error', category: 'OBJECT_NOT_FOUND', message: 'gone', context: { ids: ['a', 'b'] } }, { category: 'X', message: '', context: { objectWriteTraceId: ['3'] } }, null] };
    expect(batchErrorItems(body)).toEqual([
      { category: 'OBJECT_NOT_FOUND', message: 'gone', ids: ['a', 'b'], traceIds: [] },
      { category: 'X', message: 'refused by HubSpot', ids: [], traceIds: ['3'] },
    ]);
    expect(batchErrorItems(undefined)).toEqual([]);
  });
});
