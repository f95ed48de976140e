/** Python's `str()` and `repr()` for template values. */
import { MACRO, type MacroFunction } from './host-interop.js';
import { Markup, Namespace, PyFloat, Undefined, arrayKind, isDict } from './python-values.js';

/** Python's repr of a float. */
export function floatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const exp = x.toExponential();
  const e = exp.indexOf('e');
  const e10 = Number(exp.slice(e + 1));
  if (e10 < -4 || e10 >= 16) {
    const digits = String(Math.abs(e10)).padStart(2, '0');
    return `${exp.slice(0, e)}e${e10 < 0 ? '-' : '+'}${digits}`;
  }
  const s = String(x);
  return s.includes('.') ? s : `${s}.0`;
}

/** Python's str of an int (exact digits for large powers of two etc.). */
export function intStr(n: number): string {
  return Number.isSafeInteger(n) ? String(n) : BigInt(n).toString();
}

/** Python's `str(value)`; Undefined prints as '' (callers handle strictness). */
export function pyStr(v: unknown): string {
  switch (typeof v) {
    case 'string':
      return v;
    case 'number':
      return Number.isInteger(v) ? intStr(v) : floatRepr(v);
    case 'boolean':
      return v ? 'True' : 'False';
    case 'undefined':
      return 'None';
    case 'bigint':
      return v.toString();
    default:
      break;
  }
  if (v === null) return 'None';
  if (v instanceof Markup) return v.value;
  if (v instanceof Undefined) return '';
  return pyRepr(v);
}

/** Python's `repr(value)`. With `sortKeys`, dict keys are sorted (pprint). */
export function pyRepr(v: unknown, sortKeys = false): string {
  switch (typeof v) {
    case 'string':
      return strRepr(v);
    case 'number':
    case 'boolean':
    case 'bigint':
    case 'undefined':
      return pyStr(v);
    case 'function':
      return functionRepr(v);
    default:
      break;
  }
  if (v === null) return 'None';
  if (v instanceof PyFloat) return floatRepr(v.value);
  if (v instanceof Markup) return `Markup(${strRepr(v.value)})`;
  if (v instanceof Undefined) return 'Undefined';
  if (Array.isArray(v)) {
    const inner = v.map((x) => pyRepr(x, sortKeys)).join(', ');
    switch (arrayKind(v)) {
      case 'tuple':
        return v.length === 1 ? `(${inner},)` : `(${inner})`;
      case 'dict_items':
      case 'dict_keys':
      case 'dict_values':
        return `${arrayKind(v)}([${inner}])`;
      default:
        return `[${inner}]`;
    }
  }
  if (v instanceof Namespace) return `<Namespace ${dictRepr(Object.entries(v), sortKeys)}>`;
  if (isDict(v)) {
    // A plain host object with its own toString (e.g. a relation) prints through it.
    if (typeof v.toString === 'function' && v.toString !== Object.prototype.toString) return String(v.toString());
    return dictRepr(Object.entries(v), sortKeys);
  }
  if (v instanceof Map) return dictRepr([...(v as Map<unknown, unknown>).entries()], sortKeys);
  const obj = v as { toString?: () => string };
  if (typeof obj.toString === 'function' && obj.toString !== Object.prototype.toString) return obj.toString();
  const ctor = (v as { constructor?: { name?: string } }).constructor;
  return `<${ctor?.name ?? 'object'} object>`;
}

function dictRepr(entries: Array<[unknown, unknown]>, sortKeys: boolean): string {
  if (sortKeys) entries.sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : String(a[0]) > String(b[0]) ? 1 : 0));
  return `{${entries.map(([k, x]) => `${pyRepr(k, sortKeys)}: ${pyRepr(x, sortKeys)}`).join(', ')}}`;
}

function functionRepr(fn: Function): string {
  const info = (fn as Partial<MacroFunction>)[MACRO];
  if (info) return `<Macro '${info.name}'>`;
  return `<function ${fn.name || '<lambda>'}>`;
}

/** Python's repr of a str: quotes and escapes as CPython does. */
export function strRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i] as string;
    const code = s.charCodeAt(i);
    if (ch === quote || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || (code >= 0x7f && code < 0xa0)) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return out + quote;
}
