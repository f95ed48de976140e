/**
 * Parser of the Logging query language subset the fake serves: comparisons
 * `path OP value` (OP one of `= != < <= > >= : =~ !~`), value disjunctions
 * `severity = (ERROR OR WARNING)`, `AND`, `OR`, `NOT` / `-`, parentheses and
 * implicit AND between adjacent terms. As in Cloud Logging, NOT binds
 * tightest, then OR, then AND: `a AND b OR c` is `a AND (b OR c)`. A syntax
 * error, or a construct the fake does not serve (a bare global search term,
 * functions such as `log_id()`, `SEARCH()`), is a FilterError, which the fake
 * answers as 400 INVALID_ARGUMENT like the API.
 */

/** A comparison operator. */
export type FilterOp = '=' | '!=' | '<' | '<=' | '>' | '>=' | ':' | '=~' | '!~';

/** A parsed filter. */
export type FilterNode =
  | { kind: 'and'; items: FilterNode[] }
  | { kind: 'or'; items: FilterNode[] }
  | { kind: 'not'; item: FilterNode }
  | { kind: 'cmp'; path: string[]; op: FilterOp; value: string };

/** A filter the fake cannot parse or does not serve. */
export class FilterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FilterError';
  }
}

type Token =
  | { type: 'word'; segments: string[]; quoted: boolean; pos: number }
  | { type: 'op'; op: FilterOp; pos: number }
  | { type: 'lparen' | 'rparen' | 'minus'; pos: number }
  | { type: 'and' | 'or' | 'not'; pos: number };

const OPS: readonly FilterOp[] = ['<=', '>=', '!=', '=~', '!~', '=', '<', '>', ':'];
const STOP = /[\s()"=!<>:]/;

function readQuoted(text: string, start: number): [string, number] {
  let out = '';
  let k = start + 1;
  while (k < text.length) {
    const c = text[k];
    if (c === '\\') {
      const next = text[k + 1];
      if (next === undefined) break;
      out += next === 'n' ? '\n' : next === 't' ? '\t' : next;
      k += 2;
      continue;
    }
    if (c === '"') return [out, k + 1];
    out += c;
    k++;
  }
  throw new FilterError(`Unparseable filter: unterminated string at column ${start + 1}`);
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let k = 0;
  while (k < text.length) {
    const c = text[k] ?? '';
    if (/\s/.test(c)) {
      k++;
      continue;
    }
    if (c === '(' || c === ')') {
      tokens.push({ type: c === '(' ? 'lparen' : 'rparen', pos: k });
      k++;
      continue;
    }
    const op = OPS.find((o) => text.startsWith(o, k));
    if (op) {
      tokens.push({ type: 'op', op, pos: k });
      k += op.length;
      continue;
    }
    if (c === '-' && k + 1 < text.length && !/[\s\d]/.test(text[k + 1] ?? '')) {
      const prev = tokens[tokens.length - 1];
      if (!prev || prev.type !== 'op') {
        tokens.push({ type: 'minus', pos: k });
        k++;
        continue;
      }
    }
    // A word: dot-separated segments, each bare or quoted (`labels."a/b"`).
    const start = k;
    const segments: string[] = [];
    let quoted = false;
    for (;;) {
      if (text[k] === '"') {
        const [value, end] = readQuoted(text, k);
        segments.push(value);
        quoted = true;
        k = end;
      } else {
        let seg = '';
        while (k < text.length && !STOP.test(text[k] ?? '') && text[k] !== '.') seg += text[k++];
        // A number such as 0.5 keeps its dot.
        if (text[k] === '.' && /^-?\d+$/.test(seg) && /\d/.test(text[k + 1] ?? '')) {
          seg += text[k++];
          while (k < text.length && /\d/.test(text[k] ?? '')) seg += text[k++];
        }
        segments.push(seg);
      }
      if (text[k] !== '.') break;
      k++;
    }
    if (segments.length === 1 && !quoted && (segments[0] === 'AND' || segments[0] === 'OR' || segments[0] === 'NOT')) {
      tokens.push({ type: segments[0] === 'AND' ? 'and' : segments[0] === 'OR' ? 'or' : 'not', pos: start });
      continue;
    }
    if (segments.some((s) => s === '') && !quoted) throw new FilterError(`Unparseable filter: unexpected character '${c}' at column ${start + 1}`);
    tokens.push({ type: 'word', segments, quoted, pos: start });
  }
  return tokens;
}

class Parser {
  private k = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token | undefined {
    return this.tokens[this.k];
  }

  private fail(token: Token | undefined, what: string): never {
    const where = token ? `column ${token.pos + 1}` : 'end of filter';
    throw new FilterError(`Unparseable filter: ${what} at ${where}`);
  }

  parse(): FilterNode {
    const node = this.expression();
    if (this.peek()) this.fail(this.peek(), 'unexpected token');
    return node;
  }

  /** expression := sequence (AND sequence)* */
  private expression(): FilterNode {
    const items = [this.sequence()];
    while (this.peek()?.type === 'and') {
      this.k++;
      items.push(this.sequence());
    }
    return items.length === 1 ? (items[0] as FilterNode) : { kind: 'and', items };
  }

  /** sequence := factor factor* (implicit AND) */
  private sequence(): FilterNode {
    const items = [this.factor()];
    for (let t = this.peek(); t && (t.type === 'word' || t.type === 'lparen' || t.type === 'not' || t.type === 'minus'); t = this.peek()) {
      items.push(this.factor());
    }
    return items.length === 1 ? (items[0] as FilterNode) : { kind: 'and', items };
  }

  /** factor := term (OR term)* */
  private factor(): FilterNode {
    const items = [this.term()];
    while (this.peek()?.type === 'or') {
      this.k++;
      items.push(this.term());
    }
    return items.length === 1 ? (items[0] as FilterNode) : { kind: 'or', items };
  }

  /** term := (NOT | -) term | ( expression ) | restriction */
  private term(): FilterNode {
    const t = this.peek();
    if (!t) this.fail(t, 'expected a comparison');
    if (t.type === 'not' || t.type === 'minus') {
      this.k++;
      return { kind: 'not', item: this.term() };
    }
    if (t.type === 'lparen') {
      this.k++;
      const inner = this.expression();
      if (this.peek()?.type !== 'rparen') this.fail(this.peek(), "expected ')'");
      this.k++;
      return inner;
    }
    if (t.type !== 'word') this.fail(t, 'expected a field name');
    this.k++;
    const op = this.peek();
    if (op?.type !== 'op') {
      if (op?.type === 'lparen') throw new FilterError(`Unsupported filter: functions such as ${t.segments.join('.')}() are not supported by the sandbox`);
      throw new FilterError(`Unsupported filter: global restriction ${JSON.stringify(t.segments.join('.'))} (a search term without a field) is not supported by the sandbox`);
    }
    if (t.quoted && t.segments.length === 1) this.fail(t, 'expected a field name, not a string');
    this.k++;
    const values = this.values();
    const items: FilterNode[] = values.map((value) => ({ kind: 'cmp', path: t.segments, op: op.op, value }));
    return items.length === 1 ? (items[0] as FilterNode) : { kind: 'or', items };
  }

  /** values := value | ( value (OR value)* ) */
  private values(): string[] {
    if (this.peek()?.type === 'lparen') {
      this.k++;
      const out = [this.value()];
      while (this.peek()?.type === 'or') {
        this.k++;
        out.push(this.value());
      }
      if (this.peek()?.type !== 'rparen') this.fail(this.peek(), "expected ')'");
      this.k++;
      return out;
    }
    return [this.value()];
  }

  private value(): string {
    let t = this.peek();
    let sign = '';
    if (t?.type === 'minus') {
      sign = '-';
      this.k++;
      t = this.peek();
    }
    if (t?.type !== 'word') this.fail(t, 'expected a value');
    this.k++;
    return sign + t.segments.join('.');
  }
}

/** Parses a filter; an empty filter is undefined (matches everything). */
export function parseFilter(text: string): FilterNode | undefined {
  if (text.length > 20_000) throw new FilterError('Filter is too long: the maximum length is 20000 characters.');
  const tokens = tokenize(text);
  if (tokens.length === 0) return undefined;
  return new Parser(tokens).parse();
}
