/**
 * The contract between templates and host (JS) code: how keyword arguments
 * reach host functions, how `return()` ends a macro, and how macros look from JS.
 */

/**
 * Keyword arguments of a template call. When a template calls a host function
 * with keyword arguments (or from a `{% call %}` block), the function receives
 * one `Kwargs` instance as its last argument; `caller` is included for call blocks.
 */
export class Kwargs {
  [name: string]: unknown;
  /** Creates a Kwargs holding the given entries. */
  static of(entries: Record<string, unknown>): Kwargs {
    return Object.assign(new Kwargs(), entries);
  }
}

/** Splits host-function arguments into positional ones and keyword ones. */
export function splitArgs(args: readonly unknown[]): { positional: unknown[]; kwargs: Record<string, unknown> } {
  const last = args[args.length - 1];
  if (last instanceof Kwargs) return { positional: args.slice(0, -1), kwargs: { ...last } };
  return { positional: [...args], kwargs: {} };
}

/**
 * Thrown by a host `return` function to end the innermost macro call; the call
 * then evaluates to `value` (dbt's `{{ return(x) }}` / `{% do return(x) %}`).
 */
export class MacroReturn {
  constructor(readonly value: unknown) {}
}

/** A ready-made dbt `return` for render contexts: `ctx.return = returnValue`. */
export function returnValue(value?: unknown): never {
  throw new MacroReturn(value === undefined ? null : value);
}

/** Symbol under which template macros (and `caller`) expose their metadata. */
export const MACRO: unique symbol = Symbol('jinja.macro');

/** Metadata and the direct calling entry point of a template macro. */
export interface MacroInfo {
  readonly name: string;
  readonly params: readonly string[];
  readonly catchVarargs: boolean;
  readonly catchKwargs: boolean;
  readonly usesCaller: boolean;
  /** Calls the macro; returns its output string or the value given to `return()`. */
  invoke(positional: readonly unknown[], kwargs: Record<string, unknown> | undefined, caller: unknown): unknown;
}

/**
 * A template macro as a JS function. Call it like any host function:
 * positional arguments, then optionally a `Kwargs` (which may hold `caller`).
 */
export type MacroFunction = ((...args: unknown[]) => unknown) & { readonly [MACRO]: MacroInfo };

/** True for template macros (and `caller`). */
export function isMacro(v: unknown): v is MacroFunction {
  return typeof v === 'function' && (v as Partial<MacroFunction>)[MACRO] !== undefined;
}

/**
 * Marks a host object (a class instance) as a Python Mapping for the `mapping` test, as dbt's Relation
 * is (dbt_utils checks `obj is mapping and obj.get('metadata', {})...`). It should also offer `get(key, default)`.
 */
export const HOST_MAPPING: unique symbol = Symbol.for('jinja.mapping');
