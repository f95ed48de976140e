/**
 * Attribute and item access with Jinja2's fallbacks: `a.b` tries the attribute
 * then the item, `a['b']` tries the item then the attribute. Python methods of
 * str/list/dict values are attributes; plain-object keys win over dict methods.
 * Host objects expose their properties (including prototype getters and methods,
 * but not `Object.prototype` built-ins).
 */
import { pyStr } from '../python-str.js';
import { isMacro, splitArgs } from '../host-interop.js';
import { type PyMethod, dictMethod, listMethod, strMethod } from '../python-methods.js';
import { Markup, Undefined, arrayKind, isDict, tuple } from '../python-values.js';
import { RenderError } from '../render-error.js';

const BLOCKED = new Set(['__proto__', 'constructor', 'prototype', '__defineGetter__', '__defineSetter__', '__lookupGetter__', '__lookupSetter__']);

function missing(obj: unknown, name: unknown, strict: boolean): Undefined {
  return new Undefined(typeof name === 'string' ? name : String(name), obj, strict, undefined, true);
}

function bindPy<T>(self: T, impl: PyMethod<T>): (...args: unknown[]) => unknown {
  return (...args: unknown[]) => {
    const { positional, kwargs } = splitArgs(args);
    return impl(self, positional, kwargs);
  };
}

/** Reads a property of a host object; `NOT_FOUND` when absent or a JS built-in. */
export function hostProperty(obj: object, name: string): unknown {
  if (BLOCKED.has(name) || !(name in obj)) return NOT_FOUND;
  if (!Object.hasOwn(obj, name)) {
    const base = typeof obj === 'function' ? Function.prototype : Object.prototype;
    if (name in base && (obj as Record<string, unknown>)[name] === (base as unknown as Record<string, unknown>)[name]) {
      return NOT_FOUND;
    }
  }
  return (obj as Record<string, unknown>)[name];
}

/** Sentinel for "no such attribute/method". */
export const NOT_FOUND: unique symbol = Symbol('jinja.notFound');

/** Finds `obj.name` as a callable method for a call expression, with its `this`. */
export function findMethod(obj: unknown, name: string): unknown {
  if (typeof obj === 'string') {
    const m = strMethod(name);
    return m ? bindPy(obj, m) : NOT_FOUND;
  }
  if (Array.isArray(obj)) {
    const m = listMethod(name, arrayKind(obj) !== undefined);
    if (m) return bindPy(obj, m);
    return Object.hasOwn(obj, name) && !/^\d+$/.test(name) ? (obj as unknown as Record<string, unknown>)[name] : NOT_FOUND;
  }
  if (obj instanceof Markup) {
    const m = strMethod(name);
    return m ? bindPy(obj.value, m) : NOT_FOUND;
  }
  if (isDict(obj)) {
    if (Object.hasOwn(obj, name)) return obj[name];
    const m = dictMethod(name);
    return m ? bindPy(obj, m) : NOT_FOUND;
  }
  if (obj !== null && (typeof obj === 'object' || typeof obj === 'function')) return hostProperty(obj, name);
  return NOT_FOUND;
}

/** The Python method `name` of a str/list/dict value bound to it (ignoring dict keys), or NOT_FOUND. */
export function pyMethod(obj: unknown, name: string): unknown {
  if (typeof obj === 'string' || obj instanceof Markup) {
    const m = strMethod(name);
    return m ? bindPy(String(obj), m) : NOT_FOUND;
  }
  if (Array.isArray(obj)) {
    const m = listMethod(name, arrayKind(obj) !== undefined);
    return m ? bindPy(obj, m) : NOT_FOUND;
  }
  if (isDict(obj)) {
    const m = dictMethod(name);
    return m ? bindPy(obj, m) : NOT_FOUND;
  }
  return NOT_FOUND;
}

/** `obj.name` (Jinja2's `environment.getattr`). */
export function getAttr(obj: unknown, name: string, strict: boolean): unknown {
  if (obj instanceof Undefined) obj.fail();
  if (isDict(obj)) {
    if (Object.hasOwn(obj, name)) return obj[name];
    const m = dictMethod(name);
    return m ? bindPy(obj, m) : missing(obj, name, strict);
  }
  const v = findMethod(obj, name);
  if (v === NOT_FOUND) {
    if (obj instanceof Map && obj.has(name)) return obj.get(name);
    return missing(obj, name, strict);
  }
  if (typeof v === 'function' && !isMacro(v) && !Array.isArray(obj) && typeof obj === 'object' && obj !== null && !isDict(obj)) {
    return (v as (...a: unknown[]) => unknown).bind(obj);
  }
  return v;
}

function indexOf(len: number, key: number): number {
  return key < 0 ? key + len : key;
}

/** `obj[key]` (Jinja2's `environment.getitem`). */
export function getItem(obj: unknown, key: unknown, strict: boolean): unknown {
  if (obj instanceof Undefined) obj.fail();
  if (key instanceof Undefined && key.strict) key.fail();
  const intKey = typeof key === 'number' && Number.isInteger(key) ? key : typeof key === 'boolean' ? (key ? 1 : 0) : undefined;
  if (Array.isArray(obj)) {
    if (intKey !== undefined) {
      const i = indexOf(obj.length, intKey);
      return i >= 0 && i < obj.length ? obj[i] : missing(obj, key, strict);
    }
  } else if (typeof obj === 'string' || obj instanceof Markup) {
    const s = String(obj);
    if (intKey !== undefined) {
      const i = indexOf(s.length, intKey);
      return i >= 0 && i < s.length ? s[i] : missing(obj, key, strict);
    }
  } else if (isDict(obj)) {
    // Host objects as keys (dbt's Relation in `{relation: []}`) are stored under their str(), as dict literals do.
    const hostKey = key !== null && typeof key === 'object' && !(key instanceof Undefined) && !Array.isArray(key) && !isDict(key);
    const k = typeof key === 'string' ? key : key instanceof Markup ? key.value : intKey !== undefined ? String(intKey) : hostKey ? pyStr(key) : undefined;
    if (k !== undefined && Object.hasOwn(obj, k)) return obj[k];
  } else if (obj instanceof Map) {
    if (obj.has(key)) return obj.get(key);
  } else if (obj !== null && typeof obj === 'object' && intKey !== undefined && Object.hasOwn(obj, intKey)) {
    return (obj as Record<number, unknown>)[intKey];
  }
  if (typeof key === 'string') return getAttr(obj, key, strict);
  return missing(obj, key, strict);
}

function sliceIndex(v: unknown, len: number, dflt: number, step: number): number {
  if (v === null || v === undefined || v instanceof Undefined) return dflt;
  if (typeof v !== 'number' && typeof v !== 'boolean') throw new RenderError('slice indices must be integers or None');
  let n = Number(v);
  if (n < 0) n = Math.max(n + len, step < 0 ? -1 : 0);
  else if (n > len) n = step < 0 ? len - 1 : len;
  return n;
}

/** `obj[start:stop:step]` with Python's slice semantics. */
export function getSlice(obj: unknown, start: unknown, stop: unknown, step: unknown): unknown {
  if (obj instanceof Undefined) obj.fail();
  const st = step === null || step === undefined || step instanceof Undefined ? 1 : Number(step);
  if (st === 0) throw new RenderError('slice step cannot be zero', 'ValueError');
  const isStr = typeof obj === 'string' || obj instanceof Markup;
  const seq: readonly unknown[] | string = isStr ? String(obj) : (obj as unknown[]);
  if (!isStr && !Array.isArray(obj)) throw new RenderError("object is not subscriptable");
  const len = seq.length;
  const a = sliceIndex(start, len, st < 0 ? len - 1 : 0, st);
  const b = sliceIndex(stop, len, st < 0 ? -1 : len, st);
  if (st === 1) {
    const r = seq.slice(a, Math.max(a, b));
    return Array.isArray(obj) && arrayKind(obj) === 'tuple' ? tuple(r as unknown[]) : r;
  }
  const out: unknown[] = [];
  if (st > 0) for (let i = a; i < b; i += st) out.push(seq[i]);
  else for (let i = a; i > b; i += st) out.push(seq[i]);
  if (isStr) return out.join('');
  return Array.isArray(obj) && arrayKind(obj) === 'tuple' ? tuple(out) : out;
}
