/** Python semantics of truth, equality, ordering, membership, length and iteration. */
import { RenderError } from './render-error.js';
import { Markup, PyFloat, Undefined, arrayKind, isDict, pyTypeName } from './python-values.js';

/** Python's `bool(value)`. A strict Undefined raises. */
export function truthy(v: unknown): boolean {
  if (v === true) return true;
  if (v === false || v === null || v === undefined) return false;
  switch (typeof v) {
    case 'string':
      return v.length > 0;
    case 'number':
      return v !== 0;
    case 'function':
      return true;
    default:
      break;
  }
  if (Array.isArray(v)) return v.length > 0;
  if (v instanceof Undefined) {
    if (v.strict) v.fail();
    return false;
  }
  if (v instanceof PyFloat) return v.value !== 0;
  if (v instanceof Markup) return v.value.length > 0;
  if (isDict(v)) {
    for (const k in v) if (Object.hasOwn(v, k)) return true;
    return false;
  }
  if (v instanceof Map || v instanceof Set) return v.size > 0;
  return true;
}

function isNumeric(v: unknown): boolean {
  return typeof v === 'number' || typeof v === 'boolean' || v instanceof PyFloat;
}

function num(v: unknown): number {
  return typeof v === 'number' ? v : v instanceof PyFloat ? v.value : v ? 1 : 0;
}

/** Python's `a == b` (deep for lists, tuples and dicts). */
export function pyEq(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || a === undefined) return b === null || b === undefined;
  if (isNumeric(a)) return isNumeric(b) && num(a) === num(b);
  if (typeof a === 'string' || a instanceof Markup) {
    return (typeof b === 'string' || b instanceof Markup) && String(a) === String(b);
  }
  if (a instanceof Undefined || b instanceof Undefined) {
    if (a instanceof Undefined && a.strict) a.fail();
    if (b instanceof Undefined && b.strict) b.fail();
    return a instanceof Undefined && b instanceof Undefined;
  }
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length || (arrayKind(a) === 'tuple') !== (arrayKind(b) === 'tuple')) return false;
    for (let i = 0; i < a.length; i++) if (!pyEq(a[i], b[i])) return false;
    return true;
  }
  if (isDict(a)) {
    if (!isDict(b)) return false;
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    for (const k of ka) if (!Object.hasOwn(b, k) || !pyEq(a[k], b[k])) return false;
    return true;
  }
  return false;
}

export type CompareOp = 'lt' | 'lteq' | 'gt' | 'gteq';

const OP_SYMBOL: Record<CompareOp, string> = { lt: '<', lteq: '<=', gt: '>', gteq: '>=' };

function cmp(op: CompareOp, a: number | string, b: number | string): boolean {
  switch (op) {
    case 'lt':
      return a < b;
    case 'lteq':
      return a <= b;
    case 'gt':
      return a > b;
    case 'gteq':
      return a >= b;
  }
}

/** Python's ordering comparisons; raises TypeError for unorderable types. */
export function pyCompare(op: CompareOp, a: unknown, b: unknown): boolean {
  if (isNumeric(a) && isNumeric(b)) return cmp(op, num(a), num(b));
  if ((typeof a === 'string' || a instanceof Markup) && (typeof b === 'string' || b instanceof Markup)) {
    return cmp(op, String(a), String(b));
  }
  if (a instanceof Undefined) a.fail();
  if (b instanceof Undefined) b.fail();
  if (Array.isArray(a) && Array.isArray(b) && (arrayKind(a) === 'tuple') === (arrayKind(b) === 'tuple')) {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) {
      if (!pyEq(a[i], b[i])) return pyCompare(op, a[i], b[i]);
    }
    return cmp(op, a.length, b.length);
  }
  throw new RenderError(
    `'${OP_SYMBOL[op]}' not supported between instances of '${pyTypeName(a)}' and '${pyTypeName(b)}'`,
  );
}

/** Sort comparator with Python ordering (raises for mixed types). */
export function pySortCompare(a: unknown, b: unknown): number {
  if (pyCompare('lt', a, b)) return -1;
  if (pyCompare('lt', b, a)) return 1;
  return 0;
}

/** Python's `item in container`. */
export function pyContains(container: unknown, item: unknown): boolean {
  if (typeof container === 'string' || container instanceof Markup) {
    if (typeof item !== 'string' && !(item instanceof Markup)) {
      throw new RenderError(`'in <string>' requires string as left operand, not ${pyTypeName(item)}`);
    }
    return String(container).includes(String(item));
  }
  if (Array.isArray(container)) {
    for (const x of container) if (pyEq(x, item)) return true;
    return false;
  }
  if (isDict(container)) {
    return (typeof item === 'string' || item instanceof Markup) && Object.hasOwn(container, String(item));
  }
  if (container instanceof Undefined) {
    if (container.strict) container.fail();
    return false;
  }
  if (container instanceof Map) return container.has(item);
  if (container instanceof Set) return container.has(item);
  if (container !== null && typeof container === 'object' && Symbol.iterator in container) {
    for (const x of container as Iterable<unknown>) if (pyEq(x, item)) return true;
    return false;
  }
  throw new RenderError(`argument of type '${pyTypeName(container)}' is not iterable`);
}

/** Python's `len(value)`. */
export function pyLen(v: unknown): number {
  if (typeof v === 'string') return v.length;
  if (Array.isArray(v)) return v.length;
  if (v instanceof Markup) return v.value.length;
  if (isDict(v)) return Object.keys(v).length;
  if (v instanceof Undefined) {
    if (v.strict) v.fail();
    return 0;
  }
  if (v instanceof Map || v instanceof Set) return v.size;
  throw new RenderError(`object of type '${pyTypeName(v)}' has no len()`);
}

/** Iterates a value as Python would (`for x in v`), returning an array. */
export function pyIter(v: unknown): readonly unknown[] {
  if (Array.isArray(v)) return v;
  if (typeof v === 'string') return Array.from(v);
  if (v instanceof Markup) return Array.from(v.value);
  if (isDict(v)) return Object.keys(v);
  if (v instanceof Undefined) {
    if (v.strict) v.fail();
    return [];
  }
  if (v instanceof Map) return [...v.keys()];
  if (v !== null && typeof v === 'object' && Symbol.iterator in v) return Array.from(v as Iterable<unknown>);
  throw new RenderError(`'${pyTypeName(v)}' object is not iterable`);
}

/** True when `iter(value)` would succeed. */
export function isIterable(v: unknown): boolean {
  if (typeof v === 'string' || Array.isArray(v) || v instanceof Markup || isDict(v) || v instanceof Undefined) return true;
  return v !== null && typeof v === 'object' && Symbol.iterator in v;
}
