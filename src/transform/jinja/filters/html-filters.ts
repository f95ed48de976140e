/** Built-in filters producing HTML/JSON/URL text. */
import { pyRepr, floatRepr, pyStr } from '../python-str.js';
import { Markup, PyFloat, Undefined, escapeHtml, isDict, pyTypeName } from '../python-values.js';
import { RenderError } from '../render-error.js';
import type { FilterImpl } from '../runtime/runtime-env.js';
import { param } from './filter-args.js';

function escape(v: unknown): Markup {
  return v instanceof Markup ? v : new Markup(escapeHtml(pyStr(v)));
}

function jsonString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ch = s[i] as string;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (c < 0x20 || c > 0x7e) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/** Python's `json.dumps(value, sort_keys=True, indent=indent)`. */
export function jsonDumps(v: unknown, indent: number | undefined, level = 0): string {
  if (v === null || v === undefined) return 'null';
  if (v === true) return 'true';
  if (v === false) return 'false';
  if (typeof v === 'string' || v instanceof Markup) return jsonString(String(v));
  if (typeof v === 'number' || v instanceof PyFloat) {
    const x = Number(v);
    if (Number.isNaN(x)) return 'NaN';
    if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
    return typeof v === 'number' && Number.isInteger(v) ? String(v) : floatRepr(x);
  }
  const nl = indent === undefined ? '' : `\n${' '.repeat(indent * (level + 1))}`;
  const end = indent === undefined ? '' : `\n${' '.repeat(indent * level)}`;
  const sep = indent === undefined ? ', ' : `,${nl}`;
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    return `[${nl}${v.map((x) => jsonDumps(x, indent, level + 1)).join(sep)}${end}]`;
  }
  if (isDict(v)) {
    const keys = Object.keys(v).sort();
    if (keys.length === 0) return '{}';
    return `{${nl}${keys.map((k) => `${jsonString(k)}: ${jsonDumps(v[k], indent, level + 1)}`).join(sep)}${end}}`;
  }
  if (v instanceof Undefined) v.fail();
  throw new RenderError(`Object of type ${pyTypeName(v)} is not JSON serializable`);
}

function urlQuote(v: unknown, forQs: boolean): string {
  const s = typeof v === 'string' ? v : pyStr(v);
  let q = encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  if (!forQs) q = q.replace(/%2F/g, '/');
  else q = q.replace(/%20/g, '+');
  return q;
}

/** HTML, JSON and URL filters, by name. */
export const HTML_FILTERS: Record<string, FilterImpl> = {
  escape: (_e, v) => escape(v),
  e: (_e, v) => escape(v),
  forceescape: (_e, v) => new Markup(escapeHtml(v instanceof Markup ? v.value : pyStr(v))),
  safe: (_e, v) => (v instanceof Markup ? v : new Markup(pyStr(v))),
  tojson: (_e, v, a, k) => {
    const ind = param(a, k, 0, 'indent', null);
    const s = jsonDumps(v, ind === null || ind === undefined ? undefined : Number(ind));
    return new Markup(s.replace(/[<>&']/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`));
  },
  urlencode: (_e, v) => {
    if (typeof v === 'string' || v instanceof Markup || v === null || typeof v !== 'object') return urlQuote(v, false);
    const items = isDict(v) ? Object.entries(v) : (Array.from(v as Iterable<unknown>) as Array<[unknown, unknown]>);
    return items.map(([k, x]) => `${urlQuote(k, true)}=${urlQuote(x, true)}`).join('&');
  },
  xmlattr: (_e, v, a, k) => {
    const autospace = param(a, k, 0, 'autospace', true) !== false;
    const items: string[] = [];
    for (const [key, value] of Object.entries(v as Record<string, unknown>)) {
      if (value === null || value === undefined || value instanceof Undefined) continue;
      if (/[\s/>=]/.test(key)) throw new RenderError(`Invalid character in attribute name: ${pyRepr(key)}`, 'ValueError');
      items.push(`${escapeHtml(key)}="${escape(value).value}"`);
    }
    const rv = items.join(' ');
    return new Markup(autospace && rv ? ` ${rv}` : rv);
  },
  pprint: (_e, v) => pyRepr(v, true),
};
