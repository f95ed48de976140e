/** Python's methods on str, list, tuple and dict values (`'a'.upper()`, `d.items()`, ...). */
import { RenderError } from './render-error.js';
import { strFormat } from './python-format.js';
import { pyContains, pyEq, pyIter, pySortCompare, truthy } from './python-ops.js';
import { pyRepr, pyStr } from './python-str.js';
import { Markup, Undefined, isString, pyTypeName, tuple, withKind } from './python-values.js';

/** A method implementation: `self`, positional arguments, keyword arguments. */
export type PyMethod<T> = (self: T, args: readonly unknown[], kwargs: Record<string, unknown>) => unknown;

function arg(args: readonly unknown[], kwargs: Record<string, unknown>, i: number, name: string): unknown {
  if (i < args.length) return args[i];
  return Object.hasOwn(kwargs, name) ? kwargs[name] : undefined;
}

function str(v: unknown, what: string): string {
  if (typeof v === 'string') return v;
  if (v instanceof Markup) return v.value;
  if (v instanceof Undefined) v.fail();
  throw new RenderError(`${what} must be str, not ${pyTypeName(v)}`);
}

function optInt(v: unknown, dflt: number): number {
  return v === undefined || v === null ? dflt : Number(v);
}

const WS = ' \t\n\r\v\f\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000';

function stripChars(s: string, chars: unknown, left: boolean, right: boolean): string {
  const set = chars === undefined || chars === null ? WS : str(chars, 'strip arg');
  let a = 0;
  let b = s.length;
  if (left) while (a < b && set.includes(s[a] as string)) a++;
  if (right) while (b > a && set.includes(s[b - 1] as string)) b--;
  return s.slice(a, b);
}

/** Python's `str.split(sep, maxsplit)`. */
export function pySplit(s: string, sep: unknown, maxsplit: number): string[] {
  if (sep === undefined || sep === null) {
    const out: string[] = [];
    let i = 0;
    const n = s.length;
    while (i < n) {
      while (i < n && WS.includes(s[i] as string)) i++;
      if (i >= n) break;
      if (maxsplit >= 0 && out.length === maxsplit) {
        out.push(stripChars(s.slice(i), undefined, false, true));
        break;
      }
      let j = i;
      while (j < n && !WS.includes(s[j] as string)) j++;
      out.push(s.slice(i, j));
      i = j;
    }
    return out;
  }
  const sepStr = str(sep, 'separator');
  if (sepStr === '') throw new RenderError('empty separator', 'ValueError');
  const parts = s.split(sepStr);
  if (maxsplit < 0 || parts.length <= maxsplit + 1) return parts;
  return [...parts.slice(0, maxsplit), parts.slice(maxsplit).join(sepStr)];
}

function pyRsplit(s: string, sep: unknown, maxsplit: number): string[] {
  if (maxsplit < 0) return pySplit(s, sep, -1);
  if (sep === undefined || sep === null) {
    const out: string[] = [];
    let j = s.length;
    while (j > 0) {
      while (j > 0 && WS.includes(s[j - 1] as string)) j--;
      if (j <= 0) break;
      if (out.length === maxsplit) {
        out.unshift(stripChars(s.slice(0, j), undefined, true, false));
        break;
      }
      let i = j;
      while (i > 0 && !WS.includes(s[i - 1] as string)) i--;
      out.unshift(s.slice(i, j));
      j = i;
    }
    return out;
  }
  const sepStr = str(sep, 'separator');
  if (sepStr === '') throw new RenderError('empty separator', 'ValueError');
  const parts = s.split(sepStr);
  if (parts.length <= maxsplit + 1) return parts;
  const keep = parts.length - maxsplit;
  return [parts.slice(0, keep).join(sepStr), ...parts.slice(keep)];
}

/** Python's `str.splitlines()`. */
export function splitLines(s: string, keepends = false): string[] {
  const out: string[] = [];
  const re = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/g;
  let last = 0;
  for (let m = re.exec(s); m !== null; m = re.exec(s)) {
    out.push(s.slice(last, keepends ? re.lastIndex : m.index));
    last = re.lastIndex;
  }
  if (last < s.length) out.push(s.slice(last));
  return out;
}

function prefixTest(s: string, what: unknown, fn: (s: string, p: string) => boolean): boolean {
  if (Array.isArray(what)) return what.some((p) => fn(s, str(p, 'prefix')));
  return fn(s, str(what, 'prefix'));
}

function sliceArgs(s: string, args: readonly unknown[], from: number): [number, number] {
  const norm = (v: unknown, d: number): number => {
    if (v === undefined || v === null) return d;
    const n = Number(v);
    return n < 0 ? Math.max(0, s.length + n) : Math.min(n, s.length);
  };
  return [norm(args[from], 0), norm(args[from + 1], s.length)];
}

function countSub(s: string, sub: string): number {
  if (sub === '') return s.length + 1;
  let n = 0;
  for (let i = s.indexOf(sub); i >= 0; i = s.indexOf(sub, i + sub.length)) n++;
  return n;
}

/** Python's `str.title()`. */
export function pyTitle(s: string): string {
  return s.replace(/\p{L}+/gu, (w) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase());
}

/** Python's `str.capitalize()`. */
export function pyCapitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1).toLowerCase();
}

/** Python's `str.center(width)` padding rule. */
export function pyCenter(s: string, width: number, fill = ' '): string {
  const marg = width - s.length;
  if (marg <= 0) return s;
  const left = Math.floor(marg / 2) + (marg & width & 1);
  return fill.repeat(left) + s + fill.repeat(marg - left);
}

function replaceCount(s: string, old: string, repl: string, count: number): string {
  if (count < 0) return s.split(old).join(repl);
  const parts = s.split(old);
  if (parts.length - 1 <= count) return parts.join(repl);
  return parts.slice(0, count + 1).join(repl) + old + parts.slice(count + 1).join(old);
}

const STR: Record<string, PyMethod<string>> = Object.assign(Object.create(null) as Record<string, PyMethod<string>>, {
  upper: (s: string) => s.toUpperCase(),
  lower: (s: string) => s.toLowerCase(),
  casefold: (s: string) => s.toLowerCase(),
  swapcase: (s: string) => Array.from(s, (c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join(''),
  title: (s: string) => pyTitle(s),
  capitalize: (s: string) => pyCapitalize(s),
  strip: (s: string, a: readonly unknown[]) => stripChars(s, a[0], true, true),
  lstrip: (s: string, a: readonly unknown[]) => stripChars(s, a[0], true, false),
  rstrip: (s: string, a: readonly unknown[]) => stripChars(s, a[0], false, true),
  split: (s: string, a: readonly unknown[], k: Record<string, unknown>) =>
    pySplit(s, arg(a, k, 0, 'sep'), optInt(arg(a, k, 1, 'maxsplit'), -1)),
  rsplit: (s: string, a: readonly unknown[], k: Record<string, unknown>) =>
    pyRsplit(s, arg(a, k, 0, 'sep'), optInt(arg(a, k, 1, 'maxsplit'), -1)),
  splitlines: (s: string, a: readonly unknown[], k: Record<string, unknown>) => splitLines(s, truthy(arg(a, k, 0, 'keepends'))),
  replace: (s: string, a: readonly unknown[], k: Record<string, unknown>) =>
    replaceCount(s, str(a[0], 'replace() argument 1'), str(a[1], 'replace() argument 2'), optInt(arg(a, k, 2, 'count'), -1)),
  format: (s: string, a: readonly unknown[], k: Record<string, unknown>) => strFormat(s, a, k),
  startswith: (s: string, a: readonly unknown[]) => {
    const [from, to] = sliceArgs(s, a, 1);
    return prefixTest(s.slice(from, to), a[0], (x, p) => x.startsWith(p));
  },
  endswith: (s: string, a: readonly unknown[]) => {
    const [from, to] = sliceArgs(s, a, 1);
    return prefixTest(s.slice(from, to), a[0], (x, p) => x.endsWith(p));
  },
  join: (s: string, a: readonly unknown[]) =>
    pyIter(a[0])
      .map((x, i) => {
        if (isString(x)) return String(x);
        throw new RenderError(`sequence item ${i}: expected str instance, ${pyTypeName(x)} found`);
      })
      .join(s),
  find: (s: string, a: readonly unknown[]) => {
    const [from, to] = sliceArgs(s, a, 1);
    const i = s.slice(0, to).indexOf(str(a[0], 'find arg'), from);
    return i;
  },
  rfind: (s: string, a: readonly unknown[]) => {
    const [from, to] = sliceArgs(s, a, 1);
    const sub = str(a[0], 'rfind arg');
    const i = s.slice(0, to).lastIndexOf(sub);
    return i >= from ? i : -1;
  },
  index: (s: string, a: readonly unknown[]) => {
    const i = s.indexOf(str(a[0], 'index arg'));
    if (i < 0) throw new RenderError('substring not found', 'ValueError');
    return i;
  },
  rindex: (s: string, a: readonly unknown[]) => {
    const i = s.lastIndexOf(str(a[0], 'rindex arg'));
    if (i < 0) throw new RenderError('substring not found', 'ValueError');
    return i;
  },
  count: (s: string, a: readonly unknown[]) => {
    const [from, to] = sliceArgs(s, a, 1);
    return countSub(s.slice(from, to), str(a[0], 'count arg'));
  },
  isdigit: (s: string) => /^\p{Nd}+$/u.test(s),
  isnumeric: (s: string) => /^\p{N}+$/u.test(s),
  isdecimal: (s: string) => /^\p{Nd}+$/u.test(s),
  isalpha: (s: string) => /^\p{L}+$/u.test(s),
  isalnum: (s: string) => /^[\p{L}\p{N}]+$/u.test(s),
  isspace: (s: string) => s.length > 0 && Array.from(s).every((c) => WS.includes(c)),
  islower: (s: string) => /\p{Ll}/u.test(s) && !/[\p{Lu}\p{Lt}]/u.test(s),
  isupper: (s: string) => /\p{Lu}/u.test(s) && !/[\p{Ll}\p{Lt}]/u.test(s),
  istitle: (s: string) => /\p{L}/u.test(s) && pyTitle(s) === s,
  isidentifier: (s: string) => /^[\p{L}_][\p{L}\p{N}_]*$/u.test(s),
  zfill: (s: string, a: readonly unknown[]) => {
    const w = Number(a[0]);
    const sign = s.startsWith('-') || s.startsWith('+') ? (s[0] as string) : '';
    return s.length >= w ? s : sign + s.slice(sign.length).padStart(w - sign.length, '0');
  },
  ljust: (s: string, a: readonly unknown[]) => s.padEnd(Number(a[0]), a[1] === undefined ? ' ' : String(a[1])),
  rjust: (s: string, a: readonly unknown[]) => s.padStart(Number(a[0]), a[1] === undefined ? ' ' : String(a[1])),
  center: (s: string, a: readonly unknown[]) => pyCenter(s, Number(a[0]), a[1] === undefined ? ' ' : String(a[1])),
  partition: (s: string, a: readonly unknown[]) => {
    const sep = str(a[0], 'separator');
    const i = s.indexOf(sep);
    return tuple(i < 0 ? [s, '', ''] : [s.slice(0, i), sep, s.slice(i + sep.length)]);
  },
  rpartition: (s: string, a: readonly unknown[]) => {
    const sep = str(a[0], 'separator');
    const i = s.lastIndexOf(sep);
    return tuple(i < 0 ? ['', '', s] : [s.slice(0, i), sep, s.slice(i + sep.length)]);
  },
  removeprefix: (s: string, a: readonly unknown[]) => {
    const p = str(a[0], 'prefix');
    return p && s.startsWith(p) ? s.slice(p.length) : s;
  },
  removesuffix: (s: string, a: readonly unknown[]) => {
    const p = str(a[0], 'suffix');
    return p && s.endsWith(p) ? s.slice(0, -p.length) : s;
  },
  expandtabs: (s: string) => s.replace(/\t/g, '        '),
  encode: (s: string) => s,
});

function listIndex(l: readonly unknown[], i: unknown, what: string): number {
  let n = i === undefined || i === null ? -1 : Number(i);
  if (n < 0) n += l.length;
  if (n < 0 || n >= l.length) throw new RenderError(`${what} index out of range`, 'IndexError');
  return n;
}

const TUPLE: Record<string, PyMethod<unknown[]>> = Object.assign(Object.create(null) as Record<string, PyMethod<unknown[]>>, {
  index: (l: unknown[], a: readonly unknown[]) => {
    const i = l.findIndex((x) => pyEq(x, a[0]));
    if (i < 0) throw new RenderError(`${pyRepr(a[0])} is not in list`, 'ValueError');
    return i;
  },
  count: (l: unknown[], a: readonly unknown[]) => l.filter((x) => pyEq(x, a[0])).length,
});

const LIST: Record<string, PyMethod<unknown[]>> = Object.assign(Object.create(null) as Record<string, PyMethod<unknown[]>>, TUPLE, {
  append: (l: unknown[], a: readonly unknown[]) => {
    l.push(a[0]);
    return null;
  },
  extend: (l: unknown[], a: readonly unknown[]) => {
    l.push(...pyIter(a[0]));
    return null;
  },
  insert: (l: unknown[], a: readonly unknown[]) => {
    let i = Number(a[0]);
    if (i < 0) i = Math.max(0, l.length + i);
    l.splice(Math.min(i, l.length), 0, a[1]);
    return null;
  },
  pop: (l: unknown[], a: readonly unknown[]) => {
    if (l.length === 0) throw new RenderError('pop from empty list', 'IndexError');
    return l.splice(listIndex(l, a[0], 'pop'), 1)[0];
  },
  remove: (l: unknown[], a: readonly unknown[]) => {
    const i = l.findIndex((x) => pyEq(x, a[0]));
    if (i < 0) throw new RenderError('list.remove(x): x not in list', 'ValueError');
    l.splice(i, 1);
    return null;
  },
  sort: (l: unknown[], _a: readonly unknown[], k: Record<string, unknown>) => {
    l.sort(pySortCompare);
    if (truthy(k.reverse)) l.reverse();
    return null;
  },
  reverse: (l: unknown[]) => {
    l.reverse();
    return null;
  },
  copy: (l: unknown[]) => l.slice(),
  clear: (l: unknown[]) => {
    l.length = 0;
    return null;
  },
});

type Dict = Record<string, unknown>;

function keyOf(k: unknown): string {
  return isString(k) ? String(k) : pyStr(k);
}

const DICT: Record<string, PyMethod<Dict>> = Object.assign(Object.create(null) as Record<string, PyMethod<Dict>>, {
  items: (d: Dict) => withKind(Object.entries(d).map((e) => tuple(e)), 'dict_items'),
  keys: (d: Dict) => withKind(Object.keys(d), 'dict_keys'),
  values: (d: Dict) => withKind(Object.values(d), 'dict_values'),
  get: (d: Dict, a: readonly unknown[]) => {
    const k = keyOf(a[0]);
    return Object.hasOwn(d, k) ? d[k] : a.length > 1 ? a[1] : null;
  },
  update: (d: Dict, a: readonly unknown[], kw: Record<string, unknown>) => {
    const src = a[0];
    if (Array.isArray(src)) for (const pair of src) d[keyOf((pair as unknown[])[0])] = (pair as unknown[])[1];
    else if (src instanceof Map) for (const [k, v] of src) d[keyOf(k)] = v;
    else if (src !== undefined && src !== null) Object.assign(d, src);
    Object.assign(d, kw);
    return null;
  },
  pop: (d: Dict, a: readonly unknown[]) => {
    const k = keyOf(a[0]);
    if (Object.hasOwn(d, k)) {
      const v = d[k];
      delete d[k];
      return v;
    }
    if (a.length > 1) return a[1];
    throw new RenderError(pyRepr(a[0]), 'KeyError');
  },
  popitem: (d: Dict) => {
    const keys = Object.keys(d);
    const k = keys[keys.length - 1];
    if (k === undefined) throw new RenderError("'popitem(): dictionary is empty'", 'KeyError');
    const v = d[k];
    delete d[k];
    return tuple([k, v]);
  },
  setdefault: (d: Dict, a: readonly unknown[]) => {
    const k = keyOf(a[0]);
    if (!Object.hasOwn(d, k)) d[k] = a.length > 1 ? a[1] : null;
    return d[k];
  },
  copy: (d: Dict) => ({ ...d }),
  clear: (d: Dict) => {
    for (const k of Object.keys(d)) delete d[k];
    return null;
  },
  __contains__: (d: Dict, a: readonly unknown[]) => pyContains(d, a[0]),
});

/** The Python method `name` of a str. */
export function strMethod(name: string): PyMethod<string> | undefined {
  return STR[name];
}

/** The Python method `name` of a list (or tuple when `isTuple`). */
export function listMethod(name: string, isTuple: boolean): PyMethod<unknown[]> | undefined {
  return isTuple ? TUPLE[name] : LIST[name];
}

/** The Python method `name` of a dict. */
export function dictMethod(name: string): PyMethod<Dict> | undefined {
  return DICT[name];
}
