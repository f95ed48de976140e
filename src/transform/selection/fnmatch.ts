/**
 * Shell-style wildcard matching with the semantics of Python's
 * `fnmatch.fnmatchcase`, which dbt uses for selector values: `*` matches any
 * run of characters (dots and slashes included), `?` one character, `[seq]`
 * and `[!seq]` character classes. Case-sensitive, whole-string.
 */

const cache = new Map<string, RegExp>();

/** True when `name` matches the wildcard `pattern`. */
export function fnmatch(name: string, pattern: string): boolean {
  return compile(pattern).test(name);
}

/** True when `text` contains a wildcard character dbt recognises (`*`, `?`, `[`, `]`). */
export function hasWildcard(text: string): boolean {
  return /[*?[\]]/.test(text);
}

function compile(pattern: string): RegExp {
  let re = cache.get(pattern);
  if (re === undefined) {
    re = new RegExp(`^(?:${translate(pattern)})$`, 's');
    if (cache.size > 1000) cache.clear();
    cache.set(pattern, re);
  }
  return re;
}

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
}

function translate(pat: string): string {
  let out = '';
  let i = 0;
  const n = pat.length;
  while (i < n) {
    const c = pat[i]!;
    i++;
    if (c === '*') {
      if (!out.endsWith('.*')) out += '.*';
    } else if (c === '?') {
      out += '.';
    } else if (c === '[') {
      let j = i;
      if (j < n && pat[j] === '!') j++;
      if (j < n && pat[j] === ']') j++;
      while (j < n && pat[j] !== ']') j++;
      if (j >= n) {
        out += '\\[';
      } else {
        let body = pat.slice(i, j);
        i = j + 1;
        const negate = body.startsWith('!');
        if (negate) body = body.slice(1);
        const cls = body.replace(/\\/g, '\\\\').replace(/\]/g, '\\]').replace(/\[/g, '\\[').replace(/\^/g, '\\^');
        out += validClass(cls) ? `[${negate ? '^' : ''}${cls}]` : '(?!)';
      }
    } else {
      out += escapeRegExp(c);
    }
  }
  return out;
}

/** Python drops reversed ranges such as `[z-a]`; JS would throw. Treat them as matching nothing. */
function validClass(cls: string): boolean {
  try {
    new RegExp(`[${cls}]`);
    return true;
  } catch {
    return false;
  }
}
