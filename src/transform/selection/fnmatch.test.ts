import { describe, expect, it } from 'vitest';
import { fnmatch } from './fnmatch.js';
import { globMatchesPath, parentFolders } from './path-glob.js';

describe('fnmatch (Python semantics)', () => {
  it.each([
    ['stg_orders', 'stg_*', true],
    ['a.b.c', '*', true],
    ['a/b', 'a*b', true],
    ['abc', 'a?c', true],
    ['abc', 'a?', false],
    ['abc', '[ab]bc', true],
    ['cbc', '[!ab]bc', true],
    ['abc', '[!ab]bc', false],
    ['a]c', 'a[]]c', true],
    ['a[c', 'a[c', true],
    ['Stg', 'stg', false],
    ['a.c', 'a.c', true],
    ['abc', 'a.c', false],
    ['a\nb', 'a*b', true],
  ])('%s matches %s: %s', (name, pattern, expected) => {
    expect(fnmatch(name, pattern)).toBe(expected);
  });
});

describe('globMatchesPath', () => {
  it('matches segment by segment, with ** for any folders', () => {
    expect(globMatchesPath('models/staging', 'models/staging')).toBe(true);
    expect(globMatchesPath('models/*', 'models/staging')).toBe(true);
    expect(globMatchesPath('models/*', 'models/staging/x.sql')).toBe(false);
    expect(globMatchesPath('models/**/x.sql', 'models/x.sql')).toBe(true);
    expect(globMatchesPath('models/**/x.sql', 'models/a/b/x.sql')).toBe(true);
    expect(globMatchesPath('./models//staging/', 'models/staging')).toBe(true);
    expect(globMatchesPath('.', 'anything/at/all')).toBe(true);
  });

  it('lists parent folders', () => {
    expect(parentFolders('models/a/b.sql')).toEqual(['models/a', 'models']);
  });
});
