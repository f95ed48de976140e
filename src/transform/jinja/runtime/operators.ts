/** Binary operators and output conversion as compiled templates use them. */
import { pyAdd, pyDiv, pyFloorDiv, pyMul, pyNumMod, pyPow, pySub } from '../python-arith.js';
import { percentFormat } from '../python-format.js';
import { floatRepr, intStr, pyStr } from '../python-str.js';
import { Markup, Undefined } from '../python-values.js';

/** `a % b`: string formatting for strings, modulo for numbers. */
export function pyMod(a: unknown, b: unknown): unknown {
  if (typeof a === 'string') return percentFormat(a, b);
  if (a instanceof Markup) return new Markup(percentFormat(a.value, b));
  return pyNumMod(a, b);
}

export type BinaryOp = 'add' | 'sub' | 'mul' | 'div' | 'floordiv' | 'mod' | 'pow';

/** The implementation of each binary operator. */
export const BINARY_OPS: Record<BinaryOp, (a: unknown, b: unknown) => unknown> = {
  add: pyAdd,
  sub: pySub,
  mul: pyMul,
  div: pyDiv,
  floordiv: pyFloorDiv,
  mod: pyMod,
  pow: pyPow,
};

/** The text `{{ value }}` prints (and `~` concatenates). */
export function toText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isInteger(v) ? intStr(v) : floatRepr(v);
  if (v instanceof Undefined) {
    if (v.strict) v.fail();
    return '';
  }
  return pyStr(v);
}
