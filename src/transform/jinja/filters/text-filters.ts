/** Built-in filters on strings. */
import { pyCapitalize, pyCenter, splitLines, pySplit } from '../python-methods.js';
import { pyLen } from '../python-ops.js';
import { pyStr } from '../python-str.js';
import { percentFormat } from '../python-format.js';
import { Markup, Undefined, tuple } from '../python-values.js';
import { RenderError } from '../render-error.js';
import { toText } from '../runtime/operators.js';
import type { FilterImpl } from '../runtime/runtime-env.js';
import { flag, param } from './filter-args.js';

/** Jinja2's `soft_str`: str() but Markup stays Markup and Undefined is ''. */
export function softStr(v: unknown): string {
  if (v instanceof Undefined) return toText(v);
  return pyStr(v);
}

function keepMarkup(v: unknown, s: string): string | Markup {
  return v instanceof Markup ? new Markup(s) : s;
}

function indent(s: string, width: unknown, first: boolean, blank: boolean): string {
  const ind = typeof width === 'string' ? width : ' '.repeat(Number(width));
  const text = `${s}\n`;
  let rv: string;
  if (blank) rv = splitLines(text).join(`\n${ind}`);
  else {
    const lines = splitLines(text);
    rv = lines.shift() ?? '';
    if (lines.length > 0) rv += `\n${lines.map((l) => (l ? ind + l : l)).join('\n')}`;
  }
  return first ? ind + rv : rv;
}

function truncate(s: string, length: number, killwords: boolean, end: string, leeway: number): string {
  if (length < end.length) throw new RenderError('expected length >= len(end)', 'AssertionError');
  if (s.length <= length + leeway) return s;
  if (killwords) return s.slice(0, length - end.length) + end;
  const head = s.slice(0, length - end.length);
  const i = head.lastIndexOf(' ');
  return (i >= 0 ? head.slice(0, i) : head) + end;
}

function wrapLine(line: string, width: number, breakLong: boolean): string[] {
  const chunks = line.split(/(\s+)/).filter((c) => c !== '');
  const lines: string[] = [];
  let cur: string[] = [];
  let curLen = 0;
  chunks.reverse();
  while (chunks.length > 0) {
    cur = [];
    curLen = 0;
    if (lines.length > 0 && /^\s+$/.test(chunks[chunks.length - 1] as string)) chunks.pop();
    while (chunks.length > 0) {
      const c = chunks[chunks.length - 1] as string;
      if (curLen + c.length <= width) {
        cur.push(chunks.pop() as string);
        curLen += c.length;
      } else break;
    }
    const next = chunks[chunks.length - 1];
    if (next !== undefined && next.length > width) {
      const space = Math.max(width - curLen, 1);
      if (breakLong) {
        cur.push(next.slice(0, space));
        chunks[chunks.length - 1] = next.slice(space);
      } else if (cur.length === 0) cur.push(chunks.pop() as string);
    }
    while (cur.length > 0 && /^\s+$/.test(cur[cur.length - 1] as string)) cur.pop();
    if (cur.length > 0) lines.push(cur.join(''));
  }
  return lines;
}

const HTML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function unescapeHtml(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
    return HTML_ENTITIES[e] ?? m;
  });
}

/** Filters on strings, by name. */
export const TEXT_FILTERS: Record<string, FilterImpl> = {
  upper: (_e, v) => keepMarkup(v, softStr(v).toUpperCase()),
  lower: (_e, v) => keepMarkup(v, softStr(v).toLowerCase()),
  capitalize: (_e, v) => keepMarkup(v, pyCapitalize(softStr(v))),
  title: (_e, v) =>
    keepMarkup(
      v,
      softStr(v)
        .split(/([-\s({[<]+)/)
        .filter((x) => x !== '')
        .map((w) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase())
        .join(''),
    ),
  trim: (_e, v, a, k) => {
    const chars = param(a, k, 0, 'chars', null);
    const s = softStr(v);
    if (chars === null || chars === undefined) return s.replace(/^\s+|\s+$/g, '');
    const set = String(chars);
    let i = 0;
    let j = s.length;
    while (i < j && set.includes(s[i] as string)) i++;
    while (j > i && set.includes(s[j - 1] as string)) j--;
    return s.slice(i, j);
  },
  center: (_e, v, a, k) => pyCenter(softStr(v), Number(param(a, k, 0, 'width', 80))),
  indent: (_e, v, a, k) =>
    keepMarkup(v, indent(softStr(v), param(a, k, 0, 'width', 4), flag(a, k, 1, 'first', false), flag(a, k, 2, 'blank', false))),
  truncate: (_e, v, a, k) =>
    truncate(
      softStr(v),
      Number(param(a, k, 0, 'length', 255)),
      flag(a, k, 1, 'killwords', false),
      String(param(a, k, 2, 'end', '...')),
      Number(param(a, k, 3, 'leeway', null) ?? 5),
    ),
  replace: (_e, v, a, k) => {
    const s = softStr(v);
    const old = softStr(param(a, k, 0, 'old', ''));
    const repl = softStr(param(a, k, 1, 'new', ''));
    const count = param(a, k, 2, 'count', null);
    const parts = s.split(old);
    if (count === null || count === undefined || Number(count) < 0 || parts.length - 1 <= Number(count)) {
      return keepMarkup(v, parts.join(repl));
    }
    const n = Number(count);
    return keepMarkup(v, parts.slice(0, n + 1).join(repl) + old + parts.slice(n + 1).join(old));
  },
  wordcount: (_e, v) => (softStr(v).match(/[\p{L}\p{N}_]+/gu) ?? []).length,
  wordwrap: (_e, v, a, k) => {
    const width = Number(param(a, k, 0, 'width', 79));
    const breakLong = flag(a, k, 1, 'break_long_words', true);
    const wrap = param(a, k, 2, 'wrapstring', null);
    const sep = wrap === null || wrap === undefined ? '\n' : String(wrap);
    return splitLines(softStr(v))
      .map((line) => wrapLine(line, width, breakLong).join(sep))
      .join(sep);
  },
  striptags: (_e, v) => {
    const s = softStr(v).replace(/<!--[\s\S]*?-->/g, '').replace(/<[\s\S]*?>/g, '');
    return unescapeHtml(pySplit(s, null, -1).join(' '));
  },
  string: (_e, v) => (v instanceof Markup ? v : softStr(v)),
  length: (_e, v) => pyLen(v),
  count: (_e, v) => pyLen(v),
  format: (_e, v, a, k) => {
    if (a.length > 0 && Object.keys(k).length > 0) throw new RenderError("can't handle positional and keyword arguments at the same time");
    return percentFormat(softStr(v), Object.keys(k).length > 0 ? { ...k } : tuple([...a]));
  },
};

