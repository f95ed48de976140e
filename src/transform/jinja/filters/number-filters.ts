/** Built-in filters on numbers. */
import { toFixedHalfEven } from '../python-format.js';
import { Markup, PyFloat, Undefined, toFloat } from '../python-values.js';
import { RenderError } from '../render-error.js';
import type { FilterImpl } from '../runtime/runtime-env.js';
import { param } from './filter-args.js';

const FLOAT_RE = /^\s*[+-]?(?:(?:\d(?:_?\d)*)?\.?\d(?:_?\d)*(?:[eE][+-]?\d(?:_?\d)*)?|\d(?:_?\d)*\.|inf|infinity|nan)\s*$/i;

/** Python's `float(value)`, or `undefined` when Python would raise. */
export function parseFloatPy(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (v instanceof PyFloat) return v.value;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string' || v instanceof Markup) {
    const s = String(v);
    if (!FLOAT_RE.test(s)) return undefined;
    const t = s.trim().replace(/_/g, '').toLowerCase();
    if (t.endsWith('inf') || t.endsWith('infinity')) return t.startsWith('-') ? -Infinity : Infinity;
    if (t.endsWith('nan')) return NaN;
    return Number(t);
  }
  return undefined;
}

function parseIntPy(v: unknown, base: number): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? Math.trunc(v) : undefined;
  if (v instanceof PyFloat) return Math.trunc(v.value);
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string' || v instanceof Markup) {
    let s = String(v).trim().replace(/_/g, '').toLowerCase();
    let sign = 1;
    if (s.startsWith('-') || s.startsWith('+')) {
      if (s[0] === '-') sign = -1;
      s = s.slice(1);
    }
    let b = base;
    const prefixes: Record<string, number> = { '0x': 16, '0o': 8, '0b': 2 };
    const pre = prefixes[s.slice(0, 2)];
    if (pre !== undefined && (b === pre || b === 0)) {
      b = pre;
      s = s.slice(2);
    } else if (b === 0) b = 10;
    const digits = '0123456789abcdefghijklmnopqrstuvwxyz'.slice(0, b);
    if (s === '' || [...s].some((c) => !digits.includes(c))) return undefined;
    return sign * parseInt(s, b);
  }
  return undefined;
}

/** Python's round(x, precision): correctly rounded, ties to even. */
function roundHalfEven(x: number, precision: number): number {
  if (!Number.isFinite(x) || Math.abs(x) >= 1e21) return x;
  return Number(toFixedHalfEven(x, precision));
}

/** Filters on numbers, by name. */
export const NUMBER_FILTERS: Record<string, FilterImpl> = {
  abs: (_e, v) => {
    if (v instanceof PyFloat) return new PyFloat(Math.abs(v.value));
    if (typeof v === 'number') return Math.abs(v);
    if (typeof v === 'boolean') return v ? 1 : 0;
    if (v instanceof Undefined) v.fail();
    throw new RenderError("bad operand type for abs()");
  },
  int: (_e, v, a, k) => {
    const dflt = param(a, k, 0, 'default', 0);
    const base = Number(param(a, k, 1, 'base', 10));
    const r = parseIntPy(v, base);
    if (r !== undefined) return r;
    const f = parseFloatPy(v);
    return f !== undefined && Number.isFinite(f) ? Math.trunc(f) : dflt;
  },
  float: (_e, v, a, k) => {
    const f = parseFloatPy(v);
    return f === undefined ? param(a, k, 0, 'default', new PyFloat(0)) : toFloat(f);
  },
  round: (_e, v, a, k) => {
    const precision = Number(param(a, k, 0, 'precision', 0));
    const method = param(a, k, 1, 'method', 'common');
    const x = typeof v === 'number' ? v : v instanceof PyFloat ? v.value : Number(v);
    if (method === 'common') {
      if (typeof v === 'number' && Number.isInteger(v)) return v;
      return toFloat(roundHalfEven(x, precision));
    }
    const scale = 10 ** precision;
    if (method === 'ceil') return toFloat(Math.ceil(x * scale) / scale);
    if (method === 'floor') return toFloat(Math.floor(x * scale) / scale);
    throw new RenderError('method must be common, ceil or floor', 'FilterArgumentError');
  },
  filesizeformat: (_e, v, a, k) => {
    const bytes = parseFloatPy(v) ?? 0;
    const binary = Boolean(param(a, k, 0, 'binary', false));
    const base = binary ? 1024 : 1000;
    const prefixes = binary
      ? ['KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB', 'ZiB', 'YiB']
      : ['kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'];
    if (bytes === 1) return '1 Byte';
    if (bytes < base) return `${Math.trunc(bytes)} Bytes`;
    for (let i = 0; i < prefixes.length; i++) {
      const unit = base ** (i + 2);
      if (bytes < unit) return `${((base * bytes) / unit).toFixed(1)} ${prefixes[i]}`;
    }
    return `${((base * bytes) / base ** (prefixes.length + 1)).toFixed(1)} ${prefixes[prefixes.length - 1]}`;
  },
};
