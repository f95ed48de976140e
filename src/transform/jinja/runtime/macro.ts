/** Template macros (and `caller`) as callable JS functions. */
import { MACRO, MacroReturn, type MacroFunction, type MacroInfo, splitArgs } from '../host-interop.js';
import { Undefined, tuple } from '../python-values.js';
import { RenderError } from '../render-error.js';
import { type Frame, Out } from './runtime-env.js';

/** A compiled macro definition, independent of where it is bound. */
export interface MacroSpec {
  readonly name: string;
  readonly params: readonly string[];
  /** Default-value expressions, evaluated at call time in the macro's frame. */
  readonly defaults: ReadonlyArray<((f: Frame) => unknown) | undefined>;
  readonly body: (f: Frame, o: Out) => void;
  readonly catchVarargs: boolean;
  readonly catchKwargs: boolean;
  readonly usesCaller: boolean;
  /** `caller` of a call block: `return()` inside it is not caught here. */
  readonly isCaller: boolean;
  readonly strict: boolean;
}

/** Binds a macro to the frame it closes over (its free names resolve there). */
export function createMacro(spec: MacroSpec, closure: Frame): MacroFunction {
  const { name, params, defaults, body } = spec;
  const n = params.length;
  const invoke = (positional: readonly unknown[], kwargs: Record<string, unknown> | undefined, callerArg: unknown): unknown => {
    if (positional.length > n && !spec.catchVarargs) {
      throw new RenderError(`macro '${name}' takes not more than ${n} argument(s)`);
    }
    const f = Object.create(closure) as Frame;
    let usedKw = 0;
    for (let i = 0; i < n; i++) {
      const p = params[i] as string;
      if (kwargs !== undefined && Object.hasOwn(kwargs, p)) {
        if (i < positional.length) throw new RenderError(`macro '${name}' got multiple values for argument '${p}'`);
        f[p] = kwargs[p];
        usedKw++;
      } else if (i < positional.length) f[p] = positional[i];
      else {
        const d = defaults[i];
        f[p] = d ? d(f) : new Undefined(p, undefined, spec.strict, `parameter '${p}' was not provided`);
      }
    }
    let caller = callerArg;
    if (kwargs !== undefined && Object.hasOwn(kwargs, 'caller') && !params.includes('caller')) {
      if (caller !== undefined) throw new RenderError(`macro '${name}' was invoked with two values for the special caller argument`);
      caller = kwargs.caller;
      usedKw++;
    }
    if (spec.usesCaller) {
      f.caller = caller ?? new Undefined('caller', undefined, spec.strict, 'No caller defined');
    } else if (caller !== undefined) {
      throw new RenderError(`macro '${name}' was invoked with two values for the special caller argument. This is most likely a bug.`);
    }
    if (spec.catchVarargs) f.varargs = tuple(positional.slice(n));
    if (kwargs !== undefined && usedKw < Object.keys(kwargs).length) {
      const extra: Record<string, unknown> = {};
      for (const k of Object.keys(kwargs)) if (!params.includes(k) && k !== 'caller') extra[k] = kwargs[k];
      if (spec.catchKwargs) f.kwargs = extra;
      else {
        const first = Object.keys(extra)[0];
        if (first !== undefined) throw new RenderError(`macro '${name}' takes no keyword argument '${first}'`);
      }
    } else if (spec.catchKwargs) f.kwargs = {};
    const o = new Out();
    if (spec.isCaller) {
      body(f, o);
      return o.s;
    }
    try {
      body(f, o);
    } catch (e) {
      if (e instanceof MacroReturn) return e.value;
      throw e;
    }
    return o.s;
  };
  const info: MacroInfo = {
    name,
    params,
    catchVarargs: spec.catchVarargs,
    catchKwargs: spec.catchKwargs,
    usesCaller: spec.usesCaller,
    invoke,
  };
  const fn = function macro(...args: unknown[]): unknown {
    const { positional, kwargs } = splitArgs(args);
    return invoke(positional, Object.keys(kwargs).length > 0 ? kwargs : undefined, undefined);
  };
  Object.defineProperty(fn, 'name', { value: name });
  Object.defineProperty(fn, MACRO, { value: info });
  return fn as unknown as MacroFunction;
}
