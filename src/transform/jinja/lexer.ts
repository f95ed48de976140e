/**
 * Jinja2's lexer with the default delimiters: `{{ }}`, `{% %}`, `{# #}`,
 * whitespace control with `-` (and a no-op `+`), `raw` blocks, and dbt's
 * `docs` blocks, whose body is kept as raw text. Newlines are normalised to
 * `\n` and one trailing newline is removed, as Jinja2 does by default.
 */
import { JinjaSyntaxError } from './syntax-error.js';

export type TokenType =
  | 'data'
  | 'var_begin'
  | 'var_end'
  | 'block_begin'
  | 'block_end'
  | 'name'
  | 'string'
  | 'int'
  | 'float'
  | 'op'
  | 'eof';

/** A token; `pos` is its offset in the normalised source. */
export interface Token {
  type: TokenType;
  value: string;
  pos: number;
  /** For `int`/`float`/`string` tokens: the parsed value. */
  parsed?: number | string;
}

const OPERATORS3 = new Set<string>();
const OPERATORS2 = new Set(['//', '**', '==', '!=', '<=', '>=']);
const OPERATORS1 = new Set(['+', '-', '/', '*', '%', '~', '[', ']', '(', ')', '{', '}', '<', '>', '=', '.', ':', '|', ',', ';']);
const CLOSERS: Record<string, string> = { ')': '(', ']': '[', '}': '{' };

/** Normalises newlines and drops one trailing newline (keep_trailing_newline=False). */
export function normalizeSource(source: string, keepTrailingNewline = false): string {
  let s = source.includes('\r') ? source.replace(/\r\n?/g, '\n') : source;
  if (!keepTrailingNewline && s.endsWith('\n')) s = s.slice(0, -1);
  return s;
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', v: '\v', '\n': '' };

/** Decodes Python string-literal escapes (unknown escapes are kept verbatim). */
export function unescapeString(body: string): string {
  if (!body.includes('\\')) return body;
  return body.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{1,3}|[\s\S])/g, (m, e: string) => {
    const c = e[0] as string;
    if (c === 'x' || c === 'u' || c === 'U') return e.length > 1 ? String.fromCodePoint(parseInt(e.slice(1), 16)) : m;
    if (c >= '0' && c <= '7') return String.fromCharCode(parseInt(e, 8));
    return ESCAPES[c] ?? m;
  });
}

function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v';
}

const NAME_START = /[A-Za-z_\u00c0-\uffff]/;
const NAME_RE = /[A-Za-z_\u00c0-\uffff][A-Za-z0-9_\u00c0-\uffff]*/y;
const NUMBER_RE = /0[bB](?:_?[01])+|0[oO](?:_?[0-7])+|0[xX](?:_?[0-9a-fA-F])+|(\d(?:_?\d)*)(\.\d(?:_?\d)*)?([eE][+-]?\d(?:_?\d)*)?/y;

/** Tokenises a normalised template source. */
export function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  const n = src.length;
  let pos = 0;
  let lstripNext = false;

  const pushData = (text: string, at: number): void => {
    if (text !== '') tokens.push({ type: 'data', value: text, pos: at });
  };

  while (pos < n) {
    // Find the next tag start.
    let start = src.indexOf('{', pos);
    while (start !== -1) {
      const c = src[start + 1];
      if (c === '{' || c === '%' || c === '#') break;
      start = src.indexOf('{', start + 1);
    }
    const dataEnd = start === -1 ? n : start;
    let dataStart = pos;
    if (lstripNext) {
      while (dataStart < dataEnd && isSpace(src[dataStart])) dataStart++;
      lstripNext = false;
    }
    const kind = start === -1 ? '' : (src[start + 1] as string);
    const stripBefore = start !== -1 && src[start + 2] === '-';
    let data = src.slice(dataStart, dataEnd);
    if (stripBefore) data = data.replace(/\s+$/, '');
    pushData(data, dataStart);
    if (start === -1) break;
    let p = start + 2;
    if (src[p] === '-' || src[p] === '+') p++;

    if (kind === '#') {
      const end = src.indexOf('#}', p);
      if (end === -1) throw new JinjaSyntaxError('Missing end of comment tag', start);
      lstripNext = src[end - 1] === '-' && end - 1 >= p;
      pos = end + 2;
      continue;
    }

    const isBlock = kind === '%';
    const first = tokens.length;
    tokens.push({ type: isBlock ? 'block_begin' : 'var_begin', value: isBlock ? '{%' : '{{', pos: start });
    const stack: string[] = [];
    let closed = false;
    while (p < n) {
      const c = src[p] as string;
      if (isSpace(c)) {
        p++;
        continue;
      }
      if (stack.length === 0) {
        const rest2 = src.slice(p, p + 3);
        const endTok = isBlock ? '%}' : '}}';
        if (rest2.startsWith(endTok) || ((c === '-' || (isBlock && c === '+')) && rest2.slice(1) === endTok)) {
          const stripAfter = c === '-';
          const len = c === '-' || c === '+' ? 3 : 2;
          tokens.push({ type: isBlock ? 'block_end' : 'var_end', value: src.slice(p, p + len), pos: p });
          p += len;
          lstripNext = stripAfter;
          closed = true;
          break;
        }
      }
      if (c === "'" || c === '"') {
        let j = p + 1;
        while (j < n && src[j] !== c) j += src[j] === '\\' ? 2 : 1;
        if (j >= n) throw new JinjaSyntaxError('unexpected end of string', p);
        tokens.push({ type: 'string', value: src.slice(p, j + 1), pos: p, parsed: unescapeString(src.slice(p + 1, j)) });
        p = j + 1;
        continue;
      }
      if (c >= '0' && c <= '9') {
        NUMBER_RE.lastIndex = p;
        const m = NUMBER_RE.exec(src);
        if (m) {
          const text = m[0];
          const clean = text.replace(/_/g, '');
          const isFloatTok = m[2] !== undefined || m[3] !== undefined;
          let parsed: number;
          if (isFloatTok) parsed = Number(clean);
          else if (/^0[bB]/.test(clean)) parsed = parseInt(clean.slice(2), 2);
          else if (/^0[oO]/.test(clean)) parsed = parseInt(clean.slice(2), 8);
          else parsed = Number(clean);
          tokens.push({ type: isFloatTok ? 'float' : 'int', value: text, pos: p, parsed });
          p += text.length;
          continue;
        }
      }
      if (NAME_START.test(c)) {
        NAME_RE.lastIndex = p;
        const m = NAME_RE.exec(src) as RegExpExecArray;
        tokens.push({ type: 'name', value: m[0], pos: p });
        p += m[0].length;
        continue;
      }
      const two = src.slice(p, p + 2);
      const op = OPERATORS3.has(src.slice(p, p + 3)) ? src.slice(p, p + 3) : OPERATORS2.has(two) ? two : OPERATORS1.has(c) ? c : undefined;
      if (op === undefined) throw new JinjaSyntaxError(`unexpected char '${c}'`, p);
      if (op === '(' || op === '[' || op === '{') stack.push(op);
      else if (op === ')' || op === ']' || op === '}') {
        const expected = CLOSERS[op];
        if (stack.length === 0) throw new JinjaSyntaxError(`unexpected '${op}'`, p);
        if (stack.pop() !== expected) throw new JinjaSyntaxError(`unexpected '${op}'`, p);
      }
      tokens.push({ type: 'op', value: op, pos: p });
      p += op.length;
    }
    if (!closed) throw new JinjaSyntaxError(`unexpected end of template, expected '${isBlock ? '%}' : '}}'}'`, start);
    pos = p;

    // raw and docs blocks: their body is text up to the matching end tag.
    const tagName = tokens[first + 1];
    if (isBlock && tagName?.type === 'name' && (tagName.value === 'raw' || tagName.value === 'docs')) {
      const endName = tagName.value === 'raw' ? 'endraw' : 'enddocs';
      const re = new RegExp(`\\{%([-+]?)\\s*${endName}\\s*([-+]?)%\\}`, 'g');
      re.lastIndex = pos;
      const m = re.exec(src);
      if (!m) throw new JinjaSyntaxError(`Missing end of ${tagName.value} directive`, start);
      let body = src.slice(pos, m.index);
      let bodyStart = pos;
      if (lstripNext) {
        const trimmed = body.replace(/^\s+/, '');
        bodyStart += body.length - trimmed.length;
        body = trimmed;
        lstripNext = false;
      }
      if (m[1] === '-') body = body.replace(/\s+$/, '');
      if (tagName.value === 'raw') {
        // Drop the `{% raw %}` tokens: the body is plain data.
        tokens.length = first;
        pushData(body, bodyStart);
        pos = m.index + m[0].length;
        lstripNext = m[2] === '-';
      } else {
        tokens.push({ type: 'data', value: body, pos: bodyStart });
        pos = m.index;
      }
    }
  }
  tokens.push({ type: 'eof', value: '', pos: n });
  return tokens;
}
