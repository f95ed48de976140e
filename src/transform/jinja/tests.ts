/** Jinja2's built-in tests (`x is defined`, `n is divisibleby 3`, ...). */
import { HOST_MAPPING } from './host-interop.js';
import { pyCompare, pyContains, pyEq, isIterable } from './python-ops.js';
import { Markup, PyFloat, Undefined, isDict, isFloat, isInt, isNumber, isString } from './python-values.js';
import type { TestImpl } from './runtime/runtime-env.js';

const lowerOf = (v: unknown): string => (v instanceof Undefined ? '' : String(v));

function isSequence(v: unknown): boolean {
  return isString(v) || Array.isArray(v) || isDict(v) || v instanceof Map || v instanceof Undefined;
}

/** The built-in tests by name. */
export function builtinTests(): Map<string, TestImpl> {
  const tests: Record<string, TestImpl> = {
    boolean: (_e, v) => v === true || v === false,
    callable: (_e, v) => typeof v === 'function',
    defined: (_e, v) => !(v instanceof Undefined),
    undefined: (_e, v) => v instanceof Undefined,
    divisibleby: (_e, v, a) => {
      const d = Number(a[0]);
      return Number(v) % d === 0;
    },
    eq: (_e, v, a) => pyEq(v, a[0]),
    ne: (_e, v, a) => !pyEq(v, a[0]),
    lt: (_e, v, a) => pyCompare('lt', v, a[0]),
    le: (_e, v, a) => pyCompare('lteq', v, a[0]),
    gt: (_e, v, a) => pyCompare('gt', v, a[0]),
    ge: (_e, v, a) => pyCompare('gteq', v, a[0]),
    in: (_e, v, a) => pyContains(a[0], v),
    iterable: (_e, v) => isIterable(v),
    lower: (_e, v) => {
      const s = lowerOf(v);
      return /\p{Ll}/u.test(s) && !/[\p{Lu}\p{Lt}]/u.test(s);
    },
    upper: (_e, v) => {
      const s = lowerOf(v);
      return /\p{Lu}/u.test(s) && !/[\p{Ll}\p{Lt}]/u.test(s);
    },
    mapping: (_e, v) => isDict(v) || v instanceof Map || (typeof v === 'object' && v !== null && (v as { [HOST_MAPPING]?: unknown })[HOST_MAPPING] === true),
    none: (_e, v) => v === null || v === undefined,
    number: (_e, v) => isNumber(v),
    integer: (_e, v) => isInt(v),
    float: (_e, v) => isFloat(v),
    odd: (_e, v) => Math.abs(Number(v)) % 2 === 1,
    even: (_e, v) => Number(v) % 2 === 0,
    sameas: (_e, v, a) => {
      const o = a[0];
      if (v instanceof PyFloat || o instanceof PyFloat) return v === o;
      if ((v === null || v === undefined) && (o === null || o === undefined)) return true;
      return v === o;
    },
    sequence: (_e, v) => isSequence(v),
    string: (_e, v) => isString(v),
    true: (_e, v) => v === true,
    false: (_e, v) => v === false,
    escaped: (_e, v) => v instanceof Markup,
    filter: (e, v) => typeof v === 'string' && e.filters.has(v),
    test: (e, v) => typeof v === 'string' && e.tests.has(v),
  };
  const aliases: Record<string, string> = {
    '==': 'eq',
    equalto: 'eq',
    '!=': 'ne',
    '<': 'lt',
    lessthan: 'lt',
    '<=': 'le',
    '>': 'gt',
    greaterthan: 'gt',
    '>=': 'ge',
  };
  const map = new Map<string, TestImpl>(Object.entries(tests));
  for (const [alias, target] of Object.entries(aliases)) map.set(alias, tests[target] as TestImpl);
  return map;
}
