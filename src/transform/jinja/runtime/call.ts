/** The calling convention between templates, macros and host functions. */
import { Kwargs, MACRO, type MacroFunction } from '../host-interop.js';
import { Undefined, pyTypeName } from '../python-values.js';
import { RenderError } from '../render-error.js';

/** Objects callable from templates without being JS functions (e.g. `loop` in recursive loops). */
export const CALL: unique symbol = Symbol('jinja.call');

/** An object with a `[CALL]` method. */
export interface TemplateCallable {
  [CALL](positional: readonly unknown[], kwargs: Record<string, unknown> | undefined): unknown;
}

/**
 * Calls `fn` from a template. Macros get their arguments directly; host
 * functions get positional arguments plus a trailing `Kwargs` when there are
 * keyword arguments or a `caller`. A host's `undefined` result becomes None.
 */
export function callValue(
  fn: unknown,
  positional: readonly unknown[],
  kwargs: Record<string, unknown> | undefined,
  caller: unknown,
  thisArg: unknown,
): unknown {
  if (typeof fn === 'function') {
    const info = (fn as Partial<MacroFunction>)[MACRO];
    if (info !== undefined) return info.invoke(positional, kwargs, caller);
    let args = positional;
    if (kwargs !== undefined || caller !== undefined) {
      const kw = new Kwargs();
      if (kwargs !== undefined) Object.assign(kw, kwargs);
      if (caller !== undefined) kw.caller = caller;
      args = [...positional, kw];
    }
    const r = (fn as (...a: unknown[]) => unknown).apply(thisArg, args as unknown[]);
    return r === undefined ? null : r;
  }
  if (fn instanceof Undefined) fn.fail();
  if (fn !== null && typeof fn === 'object' && CALL in fn) return (fn as TemplateCallable)[CALL](positional, kwargs);
  throw new RenderError(`'${pyTypeName(fn)}' object is not callable`);
}
