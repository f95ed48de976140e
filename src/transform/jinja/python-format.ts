/** Python string formatting: `'%s' % args` and `str.format(...)`. */
import { RenderError } from './render-error.js';
import { floatRepr, intStr, pyRepr, pyStr } from './python-str.js';
import { Markup, PyFloat, Undefined, arrayKind, isDict, pyTypeName } from './python-values.js';

function isNumeric(v: unknown): boolean {
  return typeof v === 'number' || typeof v === 'boolean' || v instanceof PyFloat;
}

function num(v: unknown, conv: string): number {
  if (typeof v === 'number') return v;
  if (v instanceof PyFloat) return v.value;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v instanceof Undefined) v.fail();
  throw new RenderError(`%${conv} format: a real number is required, not ${pyTypeName(v)}`);
}

/** `x.toFixed(digits)` but ties (exact binary halves) round to even, as Python does. */
export function toFixedHalfEven(x: number, digits: number): string {
  const ax = Math.abs(x);
  if (!Number.isFinite(x) || ax >= 1e21) return x.toFixed(digits);
  const exact = ax.toFixed(Math.min(100, digits + 25));
  const dot = exact.indexOf('.');
  const tail = exact.slice(dot + 1 + digits);
  let s = ax.toFixed(digits);
  if (/^50*$/.test(tail)) {
    const truncated = exact.slice(0, digits > 0 ? dot + 1 + digits : dot);
    const lastDigit = Number(truncated[truncated.length - 1]);
    s = lastDigit % 2 === 0 ? truncated : s;
  }
  return x < 0 || Object.is(x, -0) ? `-${s}` : s;
}

/** Python's `%e` style exponent: at least two digits. */
function fixExponent(s: string): string {
  return s.replace(/e([+-])(\d)$/, 'e$10$2');
}

function nonFinite(x: number, upper: boolean): string | undefined {
  if (Number.isNaN(x)) return upper ? 'NAN' : 'nan';
  if (x === Infinity) return upper ? 'INF' : 'inf';
  if (x === -Infinity) return upper ? '-INF' : '-inf';
  return undefined;
}

/** Formats a number with a printf/format-spec type letter (f e g d x o b % and uppercase forms). */
function formatNumber(x: number, type: string, precision: number | undefined, alt: boolean): string {
  const upper = type === type.toUpperCase() && type !== '%';
  const nf = nonFinite(x, upper);
  if (nf !== undefined) return nf;
  switch (type.toLowerCase()) {
    case 'd':
    case 'i':
    case 'u':
    case 'n':
      return intStr(Math.trunc(x));
    case 'f':
      return toFixedHalfEven(x, precision ?? 6);
    case '%':
      return `${toFixedHalfEven(x * 100, precision ?? 6)}%`;
    case 'e': {
      const s = fixExponent(x.toExponential(precision ?? 6));
      return upper ? s.toUpperCase() : s;
    }
    case 'g': {
      const p = precision === undefined ? 6 : Math.max(precision, 1);
      if (x === 0) return alt ? (0).toFixed(p - 1) : '0';
      const exp = Number(x.toExponential(p - 1).split('e')[1]);
      let s: string;
      if (exp >= -4 && exp < p) {
        s = x.toFixed(Math.max(0, p - 1 - exp));
        if (!alt && s.includes('.')) s = s.replace(/\.?0+$/, '');
      } else {
        s = x.toExponential(p - 1);
        if (!alt) s = s.replace(/\.?0+e/, 'e');
        s = fixExponent(s);
      }
      return upper ? s.toUpperCase() : s;
    }
    case 'x': {
      const s = Math.trunc(x).toString(16);
      const r = alt ? s.replace(/^(-?)/, '$10x') : s;
      return upper ? r.toUpperCase() : r;
    }
    case 'o':
      return alt ? Math.trunc(x).toString(8).replace(/^(-?)/, '$10o') : Math.trunc(x).toString(8);
    case 'b':
      return alt ? Math.trunc(x).toString(2).replace(/^(-?)/, '$10b') : Math.trunc(x).toString(2);
    default:
      throw new RenderError(`unsupported format character '${type}'`, 'ValueError');
  }
}

function pad(s: string, width: number, left: boolean, zero: boolean): string {
  if (s.length >= width) return s;
  if (left) return s.padEnd(width);
  if (zero) {
    const sign = /^[+\- ]/.test(s) ? (s[0] as string) : '';
    return sign + s.slice(sign.length).padStart(width - sign.length, '0');
  }
  return s.padStart(width);
}

/** Python's `fmt % args`. */
export function percentFormat(fmt: string, args: unknown): string {
  const isTupleArgs = Array.isArray(args) && arrayKind(args) === 'tuple';
  const list: unknown[] = isTupleArgs ? (args as unknown[]) : [args];
  const mapping = isDict(args) ? args : undefined;
  let next = 0;
  let usedMapping = false;
  const take = (): unknown => {
    if (next >= list.length) throw new RenderError('not enough arguments for format string');
    return list[next++];
  };
  const re = /%(?:\(([^)]*)\))?([#0\- +]*)(\*|\d+)?(?:\.(\*|\d+))?[hlL]?([diouxXeEfFgGcrsa%])?/g;
  let out = '';
  let last = 0;
  for (let m = re.exec(fmt); m !== null; m = re.exec(fmt)) {
    out += fmt.slice(last, m.index);
    last = re.lastIndex;
    const [, key, flags = '', w, p, conv] = m;
    if (conv === undefined) throw new RenderError('incomplete format', 'ValueError');
    if (conv === '%' && key === undefined) {
      out += '%';
      continue;
    }
    const width = w === '*' ? Number(take()) : w === undefined ? 0 : Number(w);
    const precision = p === '*' ? Number(take()) : p === undefined ? undefined : Number(p);
    let value: unknown;
    if (key !== undefined) {
      if (!mapping) throw new RenderError('format requires a mapping');
      usedMapping = true;
      if (!Object.hasOwn(mapping, key)) throw new RenderError(`'${key}'`, 'KeyError');
      value = mapping[key];
    } else value = take();
    const left = flags.includes('-');
    const alt = flags.includes('#');
    let s: string;
    switch (conv) {
      case 's':
        s = pyStr(value);
        if (precision !== undefined) s = s.slice(0, precision);
        out += pad(s, width, left, false);
        continue;
      case 'r':
      case 'a':
        s = pyRepr(value);
        if (precision !== undefined) s = s.slice(0, precision);
        out += pad(s, width, left, false);
        continue;
      case 'c':
        s = typeof value === 'string' ? value : String.fromCodePoint(num(value, conv));
        out += pad(s, width, left, false);
        continue;
      default: {
        const x = num(value, conv);
        if ('diouxX'.includes(conv) && isNumeric(value) && (value instanceof PyFloat || !Number.isInteger(x)) && 'oxX'.includes(conv)) {
          throw new RenderError(`%${conv} format: an integer is required, not float`);
        }
        s = formatNumber(x, conv, precision, alt);
        if (x >= 0 && !s.startsWith('-')) {
          if (flags.includes('+')) s = `+${s}`;
          else if (flags.includes(' ')) s = ` ${s}`;
        }
        out += pad(s, width, left, flags.includes('0') && !left);
      }
    }
  }
  out += fmt.slice(last);
  if (!mapping && !usedMapping && next < list.length) {
    throw new RenderError('not all arguments converted during string formatting');
  }
  return out;
}

interface FormatSpec {
  fill: string;
  align: string | undefined;
  sign: string;
  alt: boolean;
  zero: boolean;
  width: number;
  grouping: string;
  precision: number | undefined;
  type: string;
}

function parseSpec(spec: string): FormatSpec {
  const m = /^(?:(.)?([<>=^]))?([+\- ])?(#)?(0)?(\d+)?([,_])?(?:\.(\d+))?([a-zA-Z%])?$/s.exec(spec);
  if (!m) throw new RenderError('Invalid format specifier', 'ValueError');
  return {
    fill: m[1] ?? (m[5] && !m[2] ? '0' : ' '),
    align: m[2] ?? (m[5] ? '=' : undefined),
    sign: m[3] ?? '-',
    alt: m[4] !== undefined,
    zero: m[5] !== undefined,
    width: m[6] === undefined ? 0 : Number(m[6]),
    grouping: m[7] ?? '',
    precision: m[8] === undefined ? undefined : Number(m[8]),
    type: m[9] ?? '',
  };
}

function group(intPart: string, sep: string): string {
  return intPart.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
}

/** Python's `format(value, spec)`. */
export function formatValue(value: unknown, spec: string): string {
  if (spec === '') return pyStr(value);
  const f = parseSpec(spec);
  let body: string;
  let numeric = false;
  if (isNumeric(value) && f.type !== 's') {
    numeric = true;
    const x = typeof value === 'number' ? value : value instanceof PyFloat ? value.value : value ? 1 : 0;
    const floaty = value instanceof PyFloat || !Number.isInteger(x);
    let type = f.type;
    if (type === '') type = floaty ? (f.precision === undefined ? '' : 'g') : 'd';
    body = type === '' ? floatRepr(Math.abs(x)) : formatNumber(Math.abs(x), type === 'c' ? 'd' : type, f.precision, f.alt);
    // Floats without a presentation type keep one decimal digit in fixed notation ('{:.3}' of 1.0 is '1.0').
    if (floaty && f.type === '' && f.precision !== undefined && /^\d+$/.test(body)) body += '.0';
    if (type === 'c') body = String.fromCodePoint(x);
    if (f.grouping) {
      const [ip, ...rest] = body.split('.');
      body = [group(ip ?? '', f.grouping), ...rest].join('.');
    }
    const neg = x < 0 || Object.is(x, -0);
    const sign = neg ? '-' : f.sign === '+' ? '+' : f.sign === ' ' ? ' ' : '';
    if (f.align === '=') {
      const padLen = f.width - sign.length - body.length;
      return sign + (padLen > 0 ? f.fill.repeat(padLen) : '') + body;
    }
    body = sign + body;
  } else {
    body = value instanceof Markup ? value.value : pyStr(value);
    if (f.precision !== undefined) body = body.slice(0, f.precision);
  }
  const padLen = f.width - body.length;
  if (padLen <= 0) return body;
  const align = f.align ?? (numeric ? '>' : '<');
  if (align === '<') return body + f.fill.repeat(padLen);
  if (align === '^') {
    const l = Math.floor(padLen / 2);
    return f.fill.repeat(l) + body + f.fill.repeat(padLen - l);
  }
  return f.fill.repeat(padLen) + body;
}

/** Python's `fmt.format(*positional, **kwargs)`. */
export function strFormat(fmt: string, positional: readonly unknown[], kwargs: Record<string, unknown>): string {
  let out = '';
  let auto = 0;
  let mode: 'auto' | 'manual' | undefined;
  let i = 0;
  while (i < fmt.length) {
    const ch = fmt[i] as string;
    if (ch === '}') {
      if (fmt[i + 1] === '}') {
        out += '}';
        i += 2;
        continue;
      }
      throw new RenderError("Single '}' encountered in format string", 'ValueError');
    }
    if (ch !== '{') {
      out += ch;
      i++;
      continue;
    }
    if (fmt[i + 1] === '{') {
      out += '{';
      i += 2;
      continue;
    }
    let depth = 1;
    let j = i + 1;
    while (j < fmt.length && depth > 0) {
      if (fmt[j] === '{') depth++;
      else if (fmt[j] === '}') depth--;
      if (depth > 0) j++;
    }
    if (depth > 0) throw new RenderError("expected '}' before end of string", 'ValueError');
    const field = fmt.slice(i + 1, j);
    i = j + 1;
    const m = /^([^.[!:]*)((?:\.[^.[!:]+|\[[^\]]*\])*)(?:!([rsa]))?(?::(.*))?$/s.exec(field);
    if (!m) throw new RenderError(`bad format field '${field}'`, 'ValueError');
    const [, name = '', accessors = '', conv, rawSpec = ''] = m;
    let value: unknown;
    if (name === '') {
      if (mode === 'manual') throw new RenderError('cannot switch from manual field specification to automatic field numbering', 'ValueError');
      mode = 'auto';
      if (auto >= positional.length) throw new RenderError(`Replacement index ${auto} out of range for positional args tuple`, 'IndexError');
      value = positional[auto++];
    } else if (/^\d+$/.test(name)) {
      if (mode === 'auto') throw new RenderError('cannot switch from automatic field numbering to manual field specification', 'ValueError');
      mode = 'manual';
      const idx = Number(name);
      if (idx >= positional.length) throw new RenderError(`Replacement index ${idx} out of range for positional args tuple`, 'IndexError');
      value = positional[idx];
    } else {
      if (!Object.hasOwn(kwargs, name)) throw new RenderError(`'${name}'`, 'KeyError');
      value = kwargs[name];
    }
    for (const acc of accessors.match(/\.[^.[]+|\[[^\]]*\]/g) ?? []) {
      const key = acc.startsWith('.') ? acc.slice(1) : acc.slice(1, -1);
      const container = value as Record<string, unknown> | unknown[];
      value = Array.isArray(container) && /^\d+$/.test(key) ? container[Number(key)] : (container as Record<string, unknown>)[key];
    }
    const spec = rawSpec.includes('{') ? strFormat(rawSpec, positional, kwargs) : rawSpec;
    if (conv === 'r' || conv === 'a') value = pyRepr(value);
    else if (conv === 's') value = pyStr(value);
    out += formatValue(value, spec);
  }
  return out;
}
