/**
 * Whether a Postgres statement text could read or write server files, run
 * server programs or reach other servers (pure). Postgres has no parse tree
 * to export, so this is a conservative check of the text: it splits the text
 * into statements at semicolons outside literals and comments, and refuses
 * - a statement that does not start with SELECT, WITH, VALUES, TABLE, SHOW
 *   or EXPLAIN (`COPY ... TO PROGRAM`, `DO $$ ... $$`, `CALL`, `SET` are
 *   allowed in a READ ONLY transaction);
 * - any word, outside string literals and comments, naming a function or view
 *   that reads server files (`pg_read_file`, `pg_read_binary_file`,
 *   `pg_stat_file`, `pg_ls_*`, adminpack's `pg_file_*`, `pg_file_settings`,
 *   `pg_hba_file_rules`, `lo_import`, `lo_export`), connects
 *   elsewhere (`dblink*`), or runs SQL given as text (`query_to_xml`,
 *   `ts_stat`, ...), whether called or not, quoted or schema-qualified.
 * The text is read twice, once with backslashes as plain characters and once
 * as escapes (`standard_conforming_strings` off), and refused if either
 * reading finds something, so a server setting cannot hide a word inside
 * what looks like a literal.
 */

const ALLOWED_FIRST_WORDS: ReadonlySet<string> = new Set(['select', 'with', 'values', 'table', 'show', 'explain']);

const DENIED_FUNCTIONS: ReadonlySet<string> = new Set([
  'pg_read_file',
  'pg_read_binary_file',
  'pg_stat_file',
  'pg_logdir_ls',
  'pg_hba_file_rules',
  'pg_ident_file_mappings',
  'pg_show_all_file_settings',
  'lo_import',
  'lo_export',
  'query_to_xml',
  'query_to_xmlschema',
  'query_to_xml_and_xmlschema',
  'cursor_to_xml',
  'cursor_to_xmlschema',
  'ts_stat',
  'ts_rewrite',
]);
const DENIED_PREFIXES: readonly string[] = ['pg_ls_', 'pg_file_', 'dblink'];

interface Token {
  kind: 'word' | 'other' | 'end' | 'unicode';
  text: string;
}

// As Postgres's lexer reads them: every non-ASCII character is an identifier character, whitespace is ASCII only.
const WORD_START = /[A-Za-z_\u0080-\u{10FFFF}]/u;
const WORD_PART = /[A-Za-z0-9_$\u0080-\u{10FFFF}]/u;
const WHITESPACE = /[ \t\n\r\f\v]/;
const DOLLAR_TAG = /^\$(?:[A-Za-z_\u0080-\u{10FFFF}][A-Za-z0-9_\u0080-\u{10FFFF}]*)?\$/u;

/** The index just past a quoted run starting at `i` (the opening quote), or the text's end when it is not closed. */
function skipQuoted(sql: string, i: number, quote: string, backslashEscapes: boolean): number {
  let j = i + 1;
  while (j < sql.length) {
    const c = sql[j]!;
    if (backslashEscapes && c === '\\') j += 2;
    else if (c === quote && sql[j + 1] === quote) j += 2;
    else if (c === quote) return j + 1;
    else j += 1;
  }
  return sql.length;
}

/** Words and statement ends of `sql`, literals and comments left out (quoted identifiers are words). */
function tokens(sql: string, backslashEscapes: boolean): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    if (WHITESPACE.test(c)) {
      i += 1;
    } else if (c === '-' && sql[i + 1] === '-') {
      const eol = sql.indexOf('\n', i);
      i = eol < 0 ? sql.length : eol + 1;
    } else if (c === '/' && sql[i + 1] === '*') {
      // Block comments nest in Postgres.
      let depth = 1;
      i += 2;
      while (i < sql.length && depth > 0) {
        if (sql.startsWith('/*', i)) (depth += 1), (i += 2);
        else if (sql.startsWith('*/', i)) (depth -= 1), (i += 2);
        else i += 1;
      }
    } else if (c === "'") {
      i = skipQuoted(sql, i, "'", backslashEscapes);
    } else if (c === '"') {
      const end = skipQuoted(sql, i, '"', false);
      out.push({ kind: 'word', text: sql.slice(i + 1, end - 1).replace(/""/g, '"') });
      i = end;
    } else if (c === '$') {
      const tag = DOLLAR_TAG.exec(sql.slice(i));
      if (tag) {
        const close = sql.indexOf(tag[0], i + tag[0].length);
        i = close < 0 ? sql.length : close + tag[0].length;
      } else {
        i += 1;
      }
    } else if (WORD_START.test(c)) {
      let j = i + 1;
      while (j < sql.length && WORD_PART.test(sql[j]!)) j += 1;
      const word = sql.slice(i, j);
      // E'...' (escape string) always takes backslash escapes.
      if (sql[j] === "'" && /^e$/i.test(word)) i = skipQuoted(sql, j, "'", true);
      else if (/^u$/i.test(word) && sql[j] === '&' && sql[j + 1] === '"') {
        // U&"\0070g_read_file" names pg_read_file; such names are refused rather than decoded.
        out.push({ kind: 'unicode', text: 'U&"' });
        i = skipQuoted(sql, j + 1, '"', false);
      } else {
        out.push({ kind: 'word', text: word });
        i = j;
      }
    } else if (c === ';') {
      out.push({ kind: 'end', text: ';' });
      i += 1;
    } else {
      out.push({ kind: 'other', text: c });
      i += 1;
    }
  }
  return out;
}

function refusalIn(list: readonly Token[]): string | undefined {
  let first = true;
  for (let k = 0; k < list.length; k++) {
    const token = list[k]!;
    if (token.kind === 'end') {
      first = true;
      continue;
    }
    if (first && !(token.kind === 'other' && token.text === '(')) {
      first = false;
      const word = token.kind === 'word' ? token.text.toLowerCase() : token.text;
      if (!ALLOWED_FIRST_WORDS.has(word)) return `only SELECT, WITH, VALUES, TABLE, SHOW and EXPLAIN statements may run here, not ${word.toUpperCase()}`;
    }
    if (token.kind === 'unicode') return 'identifiers with Unicode escapes (U&"...") may not be used here';
    if (token.kind === 'word') {
      const word = token.text.toLowerCase();
      if (DENIED_FUNCTIONS.has(word) || DENIED_PREFIXES.some((p) => word.startsWith(p))) {
        return `${word} reads server files, runs SQL given as text or connects to another server`;
      }
    }
  }
  return undefined;
}

/** Why `sql` may not run as a query from outside the project, or undefined when it may. */
export function checkPostgresExternalAccess(sql: string): string | undefined {
  return refusalIn(tokens(sql, false)) ?? refusalIn(tokens(sql, true));
}
