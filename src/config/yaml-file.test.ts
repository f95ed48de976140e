import { describe, expect, it } from 'vitest';
import { ConfigError } from '../core/errors.js';
import { formatKeyPath, parseYamlText } from './yaml-file.js';
import { varsForPackage } from './vars.js';

const text = `version: 2
models:
  - name: orders
    columns:
      - name: id
      - name: status
      - name: amount
        tests:
          - not_null
`;

describe('parseYamlText', () => {
  it('finds the line of a key path through maps and sequences', () => {
    const yaml = parseYamlText(text, 'models/schema.yml');
    expect(yaml.lineOf(['models', 0, 'columns', 2, 'tests'])).toBe(8);
    expect(yaml.lineOf(['models', 0, 'columns', 1])).toBe(6);
    expect(yaml.lineOf(['models', 0, 'name'])).toBe(3);
    // Missing keys fall back to the nearest existing ancestor.
    expect(yaml.lineOf(['models', 0, 'description'])).toBe(3);
    expect(yaml.locationOf(['models'])).toEqual({ file: 'models/schema.yml', line: 2 });
  });

  it('turns syntax errors and duplicate keys into ConfigErrors with a line', () => {
    expect(() => parseYamlText('a: 1\nb: [1, 2\n', 'x.yml')).toThrow(ConfigError);
    try {
      parseYamlText('a: 1\nb: 2\na: 3\n', 'x.yml');
      expect.unreachable();
    } catch (err) {
      expect((err as ConfigError).location).toEqual({ file: 'x.yml', line: 3 });
    }
  });

  it('formats key paths', () => {
    expect(formatKeyPath(['models', 0, 'columns', 2, 'tests'])).toBe('models[0].columns[2].tests');
    expect(formatKeyPath(['warehouse', 'type'])).toBe('warehouse.type');
  });
});

describe('varsForPackage', () => {
  it('scopes vars like dbt: package defaults < root globals < root package scope', () => {
    const root = { a: 1, b: 1, utils: { b: 2, c: 2 } };
    expect(varsForPackage(root, 'shop')).toMatchObject({ a: 1, b: 1 });
    expect(varsForPackage(root, 'utils', { c: 0, d: 0, utils: { e: 0 } })).toMatchObject({ a: 1, b: 2, c: 2, d: 0, e: 0 });
  });
});
