/** Built-in filters on sequences and mappings. */
import { pyAdd } from '../python-arith.js';
import { pyEq, pyIter, pySortCompare, truthy } from '../python-ops.js';
import { pyRepr } from '../python-str.js';
import { PyFloat, Undefined, isDict, isString, tuple } from '../python-values.js';
import { RenderError } from '../render-error.js';
import { NOT_FOUND, getAttr, pyMethod } from '../runtime/attributes.js';
import { toText } from '../runtime/operators.js';
import type { FilterImpl, RuntimeEnv } from '../runtime/runtime-env.js';
import { attrGetter, flag, ignoreCase, multiAttrGetter, param } from './filter-args.js';

function undef(env: RuntimeEnv, hint: string): Undefined {
  return new Undefined(undefined, undefined, env.strict, hint);
}

function dictItems(v: unknown): unknown[][] {
  return Object.entries(v as Record<string, unknown>).map((e) => tuple(e));
}

function sortBy(items: readonly unknown[], key: (v: unknown) => unknown, reverse: boolean): unknown[] {
  const keyed = items.map((item) => ({ item, key: key(item) }));
  keyed.sort((a, b) => (reverse ? pySortCompare(b.key, a.key) : pySortCompare(a.key, b.key)));
  return keyed.map((k) => k.item);
}

function hashKey(v: unknown): string {
  if (typeof v === 'number' || typeof v === 'boolean' || v instanceof PyFloat) return `n:${Number(v)}`;
  if (isString(v)) return `s:${String(v)}`;
  return `r:${pyRepr(v)}`;
}

function selectOrReject(env: RuntimeEnv, value: unknown, args: readonly unknown[], kwargs: Record<string, unknown>, select: boolean, lookupAttr: boolean): unknown[] {
  let rest = args;
  let trans: (v: unknown) => unknown = (v) => v;
  if (lookupAttr) {
    trans = attrGetter(env, rest[0]);
    rest = rest.slice(1);
  }
  let pred: (v: unknown) => boolean = truthy;
  if (rest.length > 0) {
    const name = String(rest[0]);
    const test = env.tests.get(name);
    if (!test) throw new RenderError(`No test named '${name}'.`, 'TemplateRuntimeError');
    const targs = rest.slice(1);
    pred = (v) => test(env, v, targs, kwargs);
  }
  return pyIter(value).filter((item) => pred(trans(item)) === select);
}

function aggregate(env: RuntimeEnv, value: unknown, a: readonly unknown[], k: Record<string, unknown>, wantMax: boolean): unknown {
  const items = pyIter(value);
  if (items.length === 0) return undef(env, 'No aggregated item, sequence was empty.');
  const key = attrGetter(env, param(a, k, 1, 'attribute', null), flag(a, k, 0, 'case_sensitive', false) ? undefined : ignoreCase);
  let best = items[0];
  let bestKey = key(best);
  for (let i = 1; i < items.length; i++) {
    const kk = key(items[i]);
    if (wantMax ? pySortCompare(kk, bestKey) > 0 : pySortCompare(kk, bestKey) < 0) {
      best = items[i];
      bestKey = kk;
    }
  }
  return best;
}

/** Filters on collections, by name. */
export const COLLECTION_FILTERS: Record<string, FilterImpl> = {
  default: (_e, v, a, k) => (v instanceof Undefined || (flag(a, k, 1, 'boolean', false) && !truthy(v)) ? param(a, k, 0, 'default_value', '') : v),
  list: (_e, v) => [...pyIter(v)],
  first: (e, v) => {
    const items = pyIter(v);
    return items.length > 0 ? items[0] : undef(e, 'No first item, sequence was empty.');
  },
  last: (e, v) => {
    const items = pyIter(v);
    return items.length > 0 ? items[items.length - 1] : undef(e, 'No last item, sequence was empty.');
  },
  random: (_e, v) => {
    const items = pyIter(v);
    if (items.length === 0) throw new RenderError('Cannot choose from an empty sequence', 'IndexError');
    return items[Math.floor(Math.random() * items.length)];
  },
  reverse: (_e, v) => {
    if (isString(v)) return Array.from(String(v)).reverse().join('');
    return [...pyIter(v)].reverse();
  },
  join: (e, v, a, k) => {
    const sep = toText(param(a, k, 0, 'd', ''));
    const attribute = param(a, k, 1, 'attribute', null);
    let items = pyIter(v);
    if (attribute !== null && attribute !== undefined) items = items.map(attrGetter(e, attribute));
    return items.map(toText).join(sep);
  },
  sort: (e, v, a, k) => {
    const cs = flag(a, k, 1, 'case_sensitive', false);
    const key = multiAttrGetter(e, param(a, k, 2, 'attribute', null), cs ? undefined : ignoreCase);
    const attribute = param(a, k, 2, 'attribute', null);
    return sortBy(pyIter(v), attribute === null || attribute === undefined ? (x) => (cs ? x : ignoreCase(x)) : key, flag(a, k, 0, 'reverse', false));
  },
  dictsort: (_e, v, a, k) => {
    const cs = flag(a, k, 0, 'case_sensitive', false);
    const by = param(a, k, 1, 'by', 'key');
    if (by !== 'key' && by !== 'value') throw new RenderError('You can only sort by either "key" or "value"', 'FilterArgumentError');
    const pos = by === 'key' ? 0 : 1;
    const items = isDict(v) ? dictItems(v) : pyIter(v).map((x) => x as unknown[]);
    return sortBy(items, (it) => (cs ? (it as unknown[])[pos] : ignoreCase((it as unknown[])[pos])), flag(a, k, 2, 'reverse', false));
  },
  unique: (e, v, a, k) => {
    const cs = flag(a, k, 0, 'case_sensitive', false);
    const key = attrGetter(e, param(a, k, 1, 'attribute', null), cs ? undefined : ignoreCase);
    const attribute = param(a, k, 1, 'attribute', null);
    const seen = new Set<string>();
    const out: unknown[] = [];
    for (const item of pyIter(v)) {
      const h = hashKey(attribute === null || attribute === undefined ? (cs ? item : ignoreCase(item)) : key(item));
      if (!seen.has(h)) {
        seen.add(h);
        out.push(item);
      }
    }
    return out;
  },
  max: (e, v, a, k) => aggregate(e, v, a, k, true),
  min: (e, v, a, k) => aggregate(e, v, a, k, false),
  sum: (e, v, a, k) => {
    const attribute = param(a, k, 0, 'attribute', null);
    let total = param(a, k, 1, 'start', 0);
    const get = attribute === null || attribute === undefined ? (x: unknown) => x : attrGetter(e, attribute);
    for (const item of pyIter(v)) total = pyAdd(total, get(item));
    return total;
  },
  map: (e, v, a, k) => {
    const items = pyIter(v);
    if (a.length === 0 && Object.hasOwn(k, 'attribute')) {
      return items.map(attrGetter(e, k.attribute, undefined, k.default ?? undefined));
    }
    const name = String(a[0]);
    const filter = e.filters.get(name);
    if (!filter) throw new RenderError(`No filter named '${name}'.`, 'TemplateRuntimeError');
    const rest = a.slice(1);
    return items.map((x) => filter(e, x, rest, k));
  },
  select: (e, v, a, k) => selectOrReject(e, v, a, k, true, false),
  reject: (e, v, a, k) => selectOrReject(e, v, a, k, false, false),
  selectattr: (e, v, a, k) => selectOrReject(e, v, a, k, true, true),
  rejectattr: (e, v, a, k) => selectOrReject(e, v, a, k, false, true),
  batch: (_e, v, a, k) => {
    const n = Number(param(a, k, 0, 'linecount', 1));
    const fill = param(a, k, 1, 'fill_with', null);
    const out: unknown[][] = [];
    let tmp: unknown[] = [];
    for (const item of pyIter(v)) {
      if (tmp.length === n) {
        out.push(tmp);
        tmp = [];
      }
      tmp.push(item);
    }
    if (tmp.length > 0) {
      if (fill !== null && fill !== undefined) while (tmp.length < n) tmp.push(fill);
      out.push(tmp);
    }
    return out;
  },
  slice: (_e, v, a, k) => {
    const seq = pyIter(v);
    const slices = Number(param(a, k, 0, 'slices', 1));
    const fill = param(a, k, 1, 'fill_with', null);
    const per = Math.floor(seq.length / slices);
    const extra = seq.length % slices;
    let offset = 0;
    const out: unknown[][] = [];
    for (let i = 0; i < slices; i++) {
      const start = offset + i * per;
      if (i < extra) offset++;
      const end = offset + (i + 1) * per;
      const tmp = seq.slice(start, end);
      if (fill !== null && fill !== undefined && i >= extra) tmp.push(fill);
      out.push(tmp);
    }
    return out;
  },
  groupby: (e, v, a, k) => {
    const attribute = param(a, k, 0, 'attribute', null);
    const dflt = param(a, k, 1, 'default', null);
    const cs = flag(a, k, 2, 'case_sensitive', false);
    const key = attrGetter(e, attribute, cs ? undefined : ignoreCase, dflt);
    const sorted = sortBy(pyIter(v), key, false);
    const groups: Array<{ key: unknown; list: unknown[] }> = [];
    for (const item of sorted) {
      const kk = key(item);
      const last = groups[groups.length - 1];
      if (last && pyEq(last.key, kk)) last.list.push(item);
      else groups.push({ key: kk, list: [item] });
    }
    const out = attrGetter(e, attribute, undefined, dflt);
    return groups.map((g) => {
      const grouper = cs ? g.key : out(g.list[0]);
      return Object.assign(tuple([grouper, g.list]), { grouper, list: g.list });
    });
  },
  items: (_e, v) => {
    if (v instanceof Undefined) return [];
    if (!isDict(v)) throw new RenderError('Can only get item pairs from a mapping.');
    return dictItems(v);
  },
  attr: (e, v, a) => {
    const name = String(a[0]);
    const m = pyMethod(v, name);
    if (m !== NOT_FOUND) return m;
    if (isDict(v) || isString(v) || Array.isArray(v) || v === null || typeof v !== 'object') return new Undefined(name, v, e.strict, undefined, true);
    return getAttr(v, name, e.strict);
  },
};
