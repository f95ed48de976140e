import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandGlob, segmentRegExp } from './glob.js';

describe('segmentRegExp', () => {
  it.each([
    ['*.csv', 'a.csv', true],
    ['*.csv', 'a.csv.gz', false],
    ['*.csv', '.hidden.csv', false],
    ['.*.csv', '.hidden.csv', true],
    ['a?.csv', 'ab.csv', true],
    ['[ab]*.csv', 'b1.csv', true],
    ['[!ab]*.csv', 'b1.csv', false],
    ['*.{csv,tsv}', 'x.tsv', true],
    ['x+y(1).csv', 'x+y(1).csv', true],
    ['charges-2024-*.jsonl', 'charges-2024-01.jsonl', true],
  ])('%s matches %s: %s', (pattern, name, expected) => {
    expect(segmentRegExp(pattern).test(name)).toBe(expected);
  });
});

describe('expandGlob', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'basin-glob-'));
    for (const f of ['a.csv', 'b.csv', 'c.jsonl', 'sub/d.csv', 'sub/deep/e.csv', '.git/f.csv']) {
      await mkdir(path.dirname(path.join(dir, f)), { recursive: true });
      await writeFile(path.join(dir, f), 'x\n');
    }
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('matches one folder, sorted', async () => {
    expect(await expandGlob(path.join(dir, '*.csv'))).toEqual([path.join(dir, 'a.csv'), path.join(dir, 'b.csv')]);
  });
  it('matches any depth with **, skipping hidden folders', async () => {
    const found = (await expandGlob(path.join(dir, '**/*.csv'))).map((f) => path.relative(dir, f));
    expect(found).toEqual(['a.csv', 'b.csv', 'sub/d.csv', 'sub/deep/e.csv']);
  });
  it('returns a literal file, and nothing for a missing one or a folder', async () => {
    expect(await expandGlob(path.join(dir, 'c.jsonl'))).toEqual([path.join(dir, 'c.jsonl')]);
    expect(await expandGlob(path.join(dir, 'nope.csv'))).toEqual([]);
    expect(await expandGlob(path.join(dir, 'sub'))).toEqual([]);
    expect(await expandGlob(path.join(dir, 'nope/*.csv'))).toEqual([]);
  });
});
