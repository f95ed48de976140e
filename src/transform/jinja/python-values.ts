/**
 * How Python values are represented in JS.
 *
 * - None: `null` or `undefined`.
 * - bool: JS `boolean`.
 * - int: a JS `number` whose value is an integer (`Number.isInteger`).
 * - float: a JS `number` that is not an integer (1.5, NaN, Infinity) or a
 *   `PyFloat` box for integral floats (`2.0`), so that `{{ 4/2 }}` prints `2.0`.
 *   `PyFloat` has `valueOf()`, so JS arithmetic on it works.
 * - str: JS `string`; `Markup` for strings marked safe (escape/safe filters).
 * - list: JS array. tuple: JS array tagged with `TUPLE` (see `tuple()`).
 * - dict: plain JS object (prototype `Object.prototype` or `null`).
 * - Jinja2's Undefined: an `Undefined` instance.
 * - anything else (class instances, functions): a host object.
 */
import { RenderError, UndefinedError } from './render-error.js';

/** An integral float such as `2.0`. Non-integral floats are plain numbers. */
export class PyFloat {
  constructor(readonly value: number) {}
  valueOf(): number {
    return this.value;
  }
  toJSON(): number {
    return this.value;
  }
}

/** Boxes a float result: integral values become `PyFloat`, others stay numbers. */
export function toFloat(n: number): number | PyFloat {
  return Number.isInteger(n) ? new PyFloat(n) : n;
}

/** True for Python floats (non-integral numbers and `PyFloat`). */
export function isFloat(v: unknown): boolean {
  return v instanceof PyFloat || (typeof v === 'number' && !Number.isInteger(v));
}

/** True for Python ints (not bools). */
export function isInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v);
}

/** True for int, float and bool (Python's `numbers.Number`). */
export function isNumber(v: unknown): boolean {
  return typeof v === 'number' || typeof v === 'boolean' || v instanceof PyFloat;
}

/** The JS number of an int/float/bool. */
export function numValue(v: unknown): number {
  if (typeof v === 'number') return v;
  if (v instanceof PyFloat) return v.value;
  if (typeof v === 'boolean') return v ? 1 : 0;
  throw new RenderError(`expected a number, got '${pyTypeName(v)}'`);
}

/** Marks a JS array as a tuple (or a dict view) for printing. */
export const ARRAY_KIND: unique symbol = Symbol('jinja.arrayKind');

export type ArrayKind = 'tuple' | 'dict_items' | 'dict_keys' | 'dict_values';

type KindedArray = unknown[] & { [ARRAY_KIND]?: ArrayKind };

/** Creates a tuple: a JS array tagged so that it prints as `(1, 2)`. */
export function tuple<T>(items: T[]): T[] {
  (items as KindedArray)[ARRAY_KIND] = 'tuple';
  return items;
}

/** Tags an array with a dict-view kind (`dict_items([...])` when printed). */
export function withKind<T>(items: T[], kind: ArrayKind): T[] {
  (items as KindedArray)[ARRAY_KIND] = kind;
  return items;
}

/** The kind tag of an array, if any. */
export function arrayKind(v: unknown[]): ArrayKind | undefined {
  return (v as KindedArray)[ARRAY_KIND];
}

/** True for tuples (and dict views, which behave as immutable sequences). */
export function isTuple(v: unknown): v is unknown[] {
  return Array.isArray(v) && (v as KindedArray)[ARRAY_KIND] !== undefined;
}

/** A string marked safe for HTML (Jinja2's `Markup`). */
export class Markup {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** Escapes `& < > " '` as markupsafe does. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&#34;',
  "'": '&#39;',
};

/** True for `str` values (JS strings and `Markup`). */
export function isString(v: unknown): v is string | Markup {
  return typeof v === 'string' || v instanceof Markup;
}

/**
 * Jinja2's Undefined. With `strict` it behaves as StrictUndefined: printing,
 * truth-testing and iterating it raise instead of yielding empty values.
 */
export class Undefined {
  constructor(
    /** Name of the missing variable/attribute, if known. */
    readonly name: string | undefined,
    /** The object an attribute was looked up on (absent for plain names). */
    readonly obj: unknown,
    readonly strict: boolean,
    /** Overrides the generated message. */
    readonly hint?: string,
    /** True when `obj` was given (it may itself be None). */
    readonly hasObj: boolean = false,
  ) {}

  /** The message of the UndefinedError raised when this value is used. */
  message(): string {
    if (this.hint !== undefined) return this.hint;
    if (!this.hasObj) return this.name === undefined ? "'undefined' is undefined" : `'${this.name}' is undefined`;
    return `'${pyObjectTypeName(this.obj)}' has no attribute '${this.name ?? ''}'`;
  }

  /** Raises the UndefinedError for this value. */
  fail(): never {
    throw new UndefinedError(this.message());
  }
}

function pyObjectTypeName(obj: unknown): string {
  if (obj === null || obj === undefined) return 'None';
  return `${pyTypeName(obj)} object`;
}

/** `namespace()` objects: the only objects `{% set ns.attr = v %}` may assign to. */
export class Namespace {
  [key: string]: unknown;
}

/** True for values that behave as Python dicts. */
export function isDict(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Python's type name of a value, for error messages. */
export function pyTypeName(v: unknown): string {
  if (v === null || v === undefined) return 'NoneType';
  switch (typeof v) {
    case 'string':
      return 'str';
    case 'boolean':
      return 'bool';
    case 'number':
      return Number.isInteger(v) ? 'int' : 'float';
    case 'bigint':
      return 'int';
    case 'function':
      return 'function';
    default:
      break;
  }
  if (v instanceof PyFloat) return 'float';
  if (v instanceof Markup) return 'Markup';
  if (v instanceof Undefined) return 'Undefined';
  if (v instanceof Namespace) return 'Namespace';
  if (Array.isArray(v)) return arrayKind(v) ?? 'list';
  if (isDict(v)) return 'dict';
  const ctor = (v as { constructor?: { name?: string } }).constructor;
  return ctor?.name ?? 'object';
}
