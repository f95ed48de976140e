/** Python arithmetic on template values (int/float distinction, sequences). */
import { RenderError } from './render-error.js';
import { Markup, PyFloat, Undefined, arrayKind, escapeHtml, pyTypeName, toFloat, tuple } from './python-values.js';

function isNumeric(v: unknown): boolean {
  return typeof v === 'number' || typeof v === 'boolean' || v instanceof PyFloat;
}

function isFloaty(v: unknown): boolean {
  return v instanceof PyFloat || (typeof v === 'number' && !Number.isInteger(v));
}

function num(v: unknown): number {
  return typeof v === 'number' ? v : v instanceof PyFloat ? v.value : v ? 1 : 0;
}

function failUndefined(a: unknown, b: unknown): void {
  if (a instanceof Undefined) a.fail();
  if (b instanceof Undefined) b.fail();
}

function unsupported(op: string, a: unknown, b: unknown): never {
  failUndefined(a, b);
  throw new RenderError(`unsupported operand type(s) for ${op}: '${pyTypeName(a)}' and '${pyTypeName(b)}'`);
}

function numResult(a: unknown, b: unknown, r: number): unknown {
  return isFloaty(a) || isFloaty(b) ? toFloat(r) : r;
}

/** `a + b` */
export function pyAdd(a: unknown, b: unknown): unknown {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a + b;
    return Number.isInteger(a) && Number.isInteger(b) ? r : toFloat(r);
  }
  if (typeof a === 'string' && typeof b === 'string') return a + b;
  if (isNumeric(a) && isNumeric(b)) return numResult(a, b, num(a) + num(b));
  if (a instanceof Markup && (typeof b === 'string' || b instanceof Markup)) {
    return new Markup(a.value + (b instanceof Markup ? b.value : escapeHtml(b)));
  }
  if (typeof a === 'string' && b instanceof Markup) return new Markup(escapeHtml(a) + b.value);
  if (Array.isArray(a) && Array.isArray(b) && (arrayKind(a) === 'tuple') === (arrayKind(b) === 'tuple') && arrayKind(a) !== 'dict_items') {
    const r = a.concat(b);
    return arrayKind(a) === 'tuple' ? tuple(r) : r;
  }
  if (typeof a === 'string' && !(b instanceof Undefined)) {
    throw new RenderError(`can only concatenate str (not "${pyTypeName(b)}") to str`);
  }
  if (Array.isArray(a) && !arrayKind(a) && !(b instanceof Undefined)) {
    throw new RenderError(`can only concatenate list (not "${pyTypeName(b)}") to list`);
  }
  return unsupported('+', a, b);
}

/** `a - b` */
export function pySub(a: unknown, b: unknown): unknown {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a - b;
    return Number.isInteger(a) && Number.isInteger(b) ? r : toFloat(r);
  }
  if (isNumeric(a) && isNumeric(b)) return numResult(a, b, num(a) - num(b));
  return unsupported('-', a, b);
}

function repeat(seq: unknown, times: unknown): unknown {
  const n = Math.max(0, num(times));
  if (typeof seq === 'string') return seq.repeat(n);
  if (seq instanceof Markup) return new Markup(seq.value.repeat(n));
  const arr = seq as unknown[];
  const out: unknown[] = [];
  for (let i = 0; i < n; i++) out.push(...arr);
  return arrayKind(arr) === 'tuple' ? tuple(out) : out;
}

function isSeq(v: unknown): boolean {
  return typeof v === 'string' || v instanceof Markup || (Array.isArray(v) && (!arrayKind(v) || arrayKind(v) === 'tuple'));
}

function isIntLike(v: unknown): boolean {
  return typeof v === 'boolean' || (typeof v === 'number' && Number.isInteger(v));
}

/** `a * b` */
export function pyMul(a: unknown, b: unknown): unknown {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a * b;
    return Number.isInteger(a) && Number.isInteger(b) ? r : toFloat(r);
  }
  if (isNumeric(a) && isNumeric(b)) return numResult(a, b, num(a) * num(b));
  if (isSeq(a) && isIntLike(b)) return repeat(a, b);
  if (isSeq(b) && isIntLike(a)) return repeat(b, a);
  if (isSeq(a) && isFloaty(b)) throw new RenderError("can't multiply sequence by non-int of type 'float'");
  return unsupported('*', a, b);
}

/** `a / b` (always a float) */
export function pyDiv(a: unknown, b: unknown): unknown {
  if (!isNumeric(a) || !isNumeric(b)) return unsupported('/', a, b);
  const d = num(b);
  if (d === 0) throw new RenderError('division by zero', 'ZeroDivisionError');
  return toFloat(num(a) / d);
}

/** `a // b` */
export function pyFloorDiv(a: unknown, b: unknown): unknown {
  if (!isNumeric(a) || !isNumeric(b)) return unsupported('//', a, b);
  const d = num(b);
  if (d === 0) throw new RenderError('integer division or modulo by zero', 'ZeroDivisionError');
  return numResult(a, b, Math.floor(num(a) / d));
}

/** Numeric `a % b` with Python's sign rules (string formatting is handled elsewhere). */
export function pyNumMod(a: unknown, b: unknown): unknown {
  if (!isNumeric(a) || !isNumeric(b)) return unsupported('%', a, b);
  const x = num(a);
  const d = num(b);
  if (d === 0) throw new RenderError('integer division or modulo by zero', 'ZeroDivisionError');
  let r = x % d;
  if (r !== 0 && r < 0 !== d < 0) r += d;
  return numResult(a, b, r);
}

/** `a ** b` */
export function pyPow(a: unknown, b: unknown): unknown {
  if (!isNumeric(a) || !isNumeric(b)) return unsupported('** or pow()', a, b);
  const x = num(a);
  const y = num(b);
  if (x === 0 && y < 0) throw new RenderError('0.0 cannot be raised to a negative power', 'ZeroDivisionError');
  const r = x ** y;
  if (isFloaty(a) || isFloaty(b) || y < 0) return toFloat(r);
  return r;
}

/** Unary `-a` */
export function pyNeg(a: unknown): unknown {
  if (typeof a === 'number') return a === 0 && Number.isInteger(a) ? 0 : -a;
  if (a instanceof PyFloat) return new PyFloat(-a.value);
  if (typeof a === 'boolean') return a ? -1 : 0;
  if (a instanceof Undefined) a.fail();
  throw new RenderError(`bad operand type for unary -: '${pyTypeName(a)}'`);
}

/** Unary `+a` */
export function pyPos(a: unknown): unknown {
  if (typeof a === 'number' || a instanceof PyFloat) return a;
  if (typeof a === 'boolean') return a ? 1 : 0;
  if (a instanceof Undefined) a.fail();
  throw new RenderError(`bad operand type for unary +: '${pyTypeName(a)}'`);
}
