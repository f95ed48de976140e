import { describe, expect, it } from 'vitest';
import { percentFormat, strFormat } from './python-format.js';
import { floatRepr, pyRepr, pyStr } from './python-str.js';
import { PyFloat, tuple } from './python-values.js';
import { pyEq, truthy } from './python-ops.js';
import { pyAdd, pyDiv, pyFloorDiv, pyNumMod } from './python-arith.js';

describe('python values', () => {
  it('prints floats like Python repr', () => {
    expect(floatRepr(1)).toBe('1.0');
    expect(floatRepr(1e16)).toBe('1e+16');
    expect(floatRepr(1e-5)).toBe('1e-05');
    expect(floatRepr(0.0001)).toBe('0.0001');
    expect(floatRepr(-0)).toBe('-0.0');
    expect(floatRepr(Infinity)).toBe('inf');
  });

  it('prints containers like Python str()', () => {
    expect(pyStr([1, 'a', null, true, new PyFloat(2)])).toBe("[1, 'a', None, True, 2.0]");
    expect(pyStr({ a: tuple([1]) })).toBe("{'a': (1,)}");
    expect(pyRepr("it's")).toBe('"it\'s"');
  });

  it('distinguishes int and float arithmetic', () => {
    expect(pyDiv(4, 2)).toEqual(new PyFloat(2));
    expect(pyFloorDiv(7, 2)).toBe(3);
    expect(pyNumMod(-7, 3)).toBe(2);
    expect(pyAdd(0.5, 0.5)).toEqual(new PyFloat(1));
  });

  it('implements truthiness and equality', () => {
    expect([0, '', [], {}, null, undefined].map(truthy)).toEqual([false, false, false, false, false, false]);
    expect(pyEq([1, { a: 1 }], [1, { a: 1 }])).toBe(true);
    expect(pyEq(tuple([1]), [1])).toBe(false);
    expect(pyEq(1, new PyFloat(1))).toBe(true);
  });

  it('formats strings', () => {
    expect(percentFormat('%s=%05.1f', tuple(['a', 3.14159]))).toBe('a=003.1');
    expect(strFormat('{0}-{x:>3}', ['a'], { x: 1 })).toBe('a-  1');
  });
});
