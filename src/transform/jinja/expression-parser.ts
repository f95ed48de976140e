/** Recursive-descent parser for Jinja2 expressions, with Jinja2's precedence. */
import type { Args, Expr, Target } from './ast.js';
import type { Token } from './lexer.js';
import type { BinaryOp } from './runtime/operators.js';
import { PyFloat } from './python-values.js';
import { JinjaSyntaxError } from './syntax-error.js';

const COMPARE_OPS: Record<string, 'eq' | 'ne' | 'lt' | 'lteq' | 'gt' | 'gteq'> = {
  '==': 'eq',
  '!=': 'ne',
  '<': 'lt',
  '<=': 'lteq',
  '>': 'gt',
  '>=': 'gteq',
};

const PRIMARY_START = new Set(['name', 'string', 'int', 'float']);

function describe(t: Token): string {
  if (t.type === 'eof') return 'end of template';
  if (t.type === 'block_end') return "end of statement block";
  if (t.type === 'var_end') return 'end of print statement';
  return `'${t.value}'`;
}

/** Parses expressions from a token array; statement parsing builds on it. */
export class ExpressionParser {
  protected i = 0;

  constructor(protected readonly tokens: Token[]) {}

  /** Called for every variable *read* (used to detect `caller`/`varargs`/`kwargs`). */
  protected onName(_name: string): void {}

  protected get cur(): Token {
    return this.tokens[this.i] as Token;
  }

  protected peek(offset = 1): Token {
    return (this.tokens[this.i + offset] ?? this.tokens[this.tokens.length - 1]) as Token;
  }

  protected next(): Token {
    const t = this.cur;
    if (t.type !== 'eof') this.i++;
    return t;
  }

  protected fail(message: string, t: Token = this.cur): never {
    throw new JinjaSyntaxError(message, t.pos);
  }

  protected isOp(value: string, t: Token = this.cur): boolean {
    return t.type === 'op' && t.value === value;
  }

  protected isName(value: string, t: Token = this.cur): boolean {
    return t.type === 'name' && t.value === value;
  }

  protected skipOp(value: string): boolean {
    if (this.isOp(value)) {
      this.i++;
      return true;
    }
    return false;
  }

  protected skipName(value: string): boolean {
    if (this.isName(value)) {
      this.i++;
      return true;
    }
    return false;
  }

  protected expectOp(value: string): Token {
    if (!this.isOp(value)) this.fail(`expected '${value}', got ${describe(this.cur)}`);
    return this.next();
  }

  protected expectType(type: Token['type'], what: string): Token {
    if (this.cur.type !== type) this.fail(`expected ${what}, got ${describe(this.cur)}`);
    return this.next();
  }

  protected expectName(): string {
    return this.expectType('name', 'name').value;
  }

  /** True at the end of a tuple: `}}`, `%}`, `)` or one of `extraEnd` names. */
  protected isTupleEnd(extraEnd?: readonly string[]): boolean {
    const t = this.cur;
    if (t.type === 'var_end' || t.type === 'block_end' || t.type === 'eof' || this.isOp(')')) return true;
    return extraEnd !== undefined && t.type === 'name' && extraEnd.includes(t.value);
  }

  /** Jinja2's parse_tuple: `a, b` becomes a tuple, a single expression stays itself. */
  parseTuple(opts: { withCondexpr?: boolean; extraEnd?: readonly string[]; explicitParens?: boolean; simplified?: boolean } = {}): Expr {
    const pos = this.cur.pos;
    const items: Expr[] = [];
    let isTuple = false;
    for (;;) {
      if (items.length > 0) this.expectOp(',');
      if (this.isTupleEnd(opts.extraEnd)) break;
      items.push(opts.simplified ? this.parsePrimary() : this.parseExpression(opts.withCondexpr ?? true));
      if (this.isOp(',')) isTuple = true;
      else break;
    }
    if (!isTuple) {
      if (items.length > 0) return items[0] as Expr;
      if (!opts.explicitParens) this.fail(`Expected an expression, got ${describe(this.cur)}`);
    }
    return { kind: 'tuple', pos, items };
  }

  parseExpression(withCondexpr = true): Expr {
    return withCondexpr ? this.parseCondexpr() : this.parseOr();
  }

  private parseCondexpr(): Expr {
    const pos = this.cur.pos;
    let expr = this.parseOr();
    while (this.skipName('if')) {
      const test = this.parseOr();
      const otherwise = this.skipName('else') ? this.parseCondexpr() : undefined;
      expr = { kind: 'cond', pos, test, then: expr, else: otherwise };
    }
    return expr;
  }

  private parseOr(): Expr {
    let left = this.parseAnd();
    while (this.isName('or')) {
      const pos = this.next().pos;
      left = { kind: 'or', pos, left, right: this.parseAnd() };
    }
    return left;
  }

  private parseAnd(): Expr {
    let left = this.parseNot();
    while (this.isName('and')) {
      const pos = this.next().pos;
      left = { kind: 'and', pos, left, right: this.parseNot() };
    }
    return left;
  }

  private parseNot(): Expr {
    if (this.isName('not')) {
      const pos = this.next().pos;
      return { kind: 'unary', pos, op: 'not', operand: this.parseNot() };
    }
    return this.parseCompare();
  }

  private parseCompare(): Expr {
    const pos = this.cur.pos;
    const first = this.parseMath1();
    const ops: Array<{ op: 'eq' | 'ne' | 'lt' | 'lteq' | 'gt' | 'gteq' | 'in' | 'notin'; expr: Expr }> = [];
    for (;;) {
      const t = this.cur;
      const cmp = t.type === 'op' ? COMPARE_OPS[t.value] : undefined;
      if (cmp !== undefined) {
        this.next();
        ops.push({ op: cmp, expr: this.parseMath1() });
      } else if (this.skipName('in')) {
        ops.push({ op: 'in', expr: this.parseMath1() });
      } else if (this.isName('not') && this.isName('in', this.peek())) {
        this.i += 2;
        ops.push({ op: 'notin', expr: this.parseMath1() });
      } else break;
    }
    return ops.length === 0 ? first : { kind: 'compare', pos, first, ops };
  }

  private binary(next: () => Expr, ops: Record<string, BinaryOp>): Expr {
    let left = next();
    for (;;) {
      const t = this.cur;
      const op = t.type === 'op' ? ops[t.value] : undefined;
      if (op === undefined) return left;
      this.next();
      left = { kind: 'binop', pos: t.pos, op, left, right: next() };
    }
  }

  private parseMath1(): Expr {
    return this.binary(() => this.parseConcat(), { '+': 'add', '-': 'sub' });
  }

  private parseConcat(): Expr {
    const pos = this.cur.pos;
    const items = [this.parseMath2()];
    while (this.skipOp('~')) items.push(this.parseMath2());
    return items.length === 1 ? (items[0] as Expr) : { kind: 'concat', pos, items };
  }

  private parseMath2(): Expr {
    return this.binary(() => this.parsePow(), { '*': 'mul', '/': 'div', '//': 'floordiv', '%': 'mod' });
  }

  private parsePow(): Expr {
    return this.binary(() => this.parseUnary(), { '**': 'pow' });
  }

  private parseUnary(withFilter = true): Expr {
    const t = this.cur;
    let node: Expr;
    if (this.isOp('-')) {
      this.next();
      node = { kind: 'unary', pos: t.pos, op: 'neg', operand: this.parseUnary(false) };
    } else if (this.isOp('+')) {
      this.next();
      node = { kind: 'unary', pos: t.pos, op: 'pos', operand: this.parseUnary(false) };
    } else node = this.parsePrimary();
    node = this.parsePostfix(node);
    if (withFilter) node = this.parseFilterExpr(node);
    return node;
  }

  protected parsePrimary(): Expr {
    const t = this.cur;
    switch (t.type) {
      case 'name': {
        this.next();
        switch (t.value) {
          case 'true':
          case 'True':
            return { kind: 'const', pos: t.pos, value: true };
          case 'false':
          case 'False':
            return { kind: 'const', pos: t.pos, value: false };
          case 'none':
          case 'None':
            return { kind: 'const', pos: t.pos, value: null };
          default:
            this.onName(t.value);
            return { kind: 'name', pos: t.pos, name: t.value };
        }
      }
      case 'string': {
        this.next();
        let value = t.parsed as string;
        while (this.cur.type === 'string') value += this.next().parsed as string;
        return { kind: 'const', pos: t.pos, value };
      }
      case 'int':
        this.next();
        return { kind: 'const', pos: t.pos, value: t.parsed };
      case 'float': {
        this.next();
        const v = t.parsed as number;
        return { kind: 'const', pos: t.pos, value: Number.isInteger(v) ? new PyFloat(v) : v };
      }
      case 'op':
        if (t.value === '(') {
          this.next();
          const e = this.parseTuple({ explicitParens: true });
          this.expectOp(')');
          return e;
        }
        if (t.value === '[') return this.parseList();
        if (t.value === '{') return this.parseDict();
        break;
      default:
        break;
    }
    return this.fail(`unexpected ${describe(t)}`);
  }

  private parseList(): Expr {
    const pos = this.expectOp('[').pos;
    const items: Expr[] = [];
    while (!this.isOp(']')) {
      if (items.length > 0) this.expectOp(',');
      if (this.isOp(']')) break;
      items.push(this.parseExpression());
    }
    this.expectOp(']');
    return { kind: 'list', pos, items };
  }

  private parseDict(): Expr {
    const pos = this.expectOp('{').pos;
    const keys: Expr[] = [];
    const values: Expr[] = [];
    while (!this.isOp('}')) {
      if (keys.length > 0) this.expectOp(',');
      if (this.isOp('}')) break;
      keys.push(this.parseExpression());
      this.expectOp(':');
      values.push(this.parseExpression());
    }
    this.expectOp('}');
    return { kind: 'dict', pos, keys, values };
  }

  protected parsePostfix(node: Expr): Expr {
    for (;;) {
      if (this.isOp('.') || this.isOp('[')) node = this.parseSubscript(node);
      else if (this.isOp('(')) node = this.parseCall(node);
      else return node;
    }
  }

  private parseFilterExpr(node: Expr): Expr {
    for (;;) {
      if (this.isOp('|')) node = this.parseFilter(node);
      else if (this.isName('is')) node = this.parseTest(node);
      else if (this.isOp('(')) node = this.parseCall(node);
      else return node;
    }
  }

  private parseSubscript(node: Expr): Expr {
    const t = this.next();
    if (t.value === '.') {
      const attr = this.cur;
      if (attr.type === 'name') {
        this.next();
        return { kind: 'getattr', pos: t.pos, obj: node, name: attr.value };
      }
      if (attr.type === 'int') {
        this.next();
        return { kind: 'getitem', pos: t.pos, obj: node, key: { kind: 'const', pos: attr.pos, value: attr.parsed } };
      }
      return this.fail('expected name or number');
    }
    const args: Expr[] = [];
    while (!this.isOp(']')) {
      if (args.length > 0) this.expectOp(',');
      args.push(this.parseSubscribed(node));
    }
    this.expectOp(']');
    const first = args[0];
    if (args.length === 1 && first !== undefined) {
      if (first.kind === 'slice') return first;
      return { kind: 'getitem', pos: t.pos, obj: node, key: first };
    }
    return { kind: 'getitem', pos: t.pos, obj: node, key: { kind: 'tuple', pos: t.pos, items: args } };
  }

  private parseSubscribed(obj: Expr): Expr {
    const pos = this.cur.pos;
    const parts: Array<Expr | undefined> = [];
    if (this.isOp(':')) {
      this.next();
      parts.push(undefined);
    } else {
      const node = this.parseExpression();
      if (!this.isOp(':')) return node;
      this.next();
      parts.push(node);
    }
    const endOfPart = (): boolean => this.isOp(']') || this.isOp(',') || this.isOp(':');
    parts.push(endOfPart() ? undefined : this.parseExpression());
    if (this.skipOp(':')) parts.push(this.isOp(']') || this.isOp(',') ? undefined : this.parseExpression());
    return { kind: 'slice', pos, obj, start: parts[0], stop: parts[1], step: parts[2] };
  }

  protected parseCallArgs(): Args {
    this.expectOp('(');
    const args: Args = { positional: [], keywords: [] };
    let requireComma = false;
    while (!this.isOp(')')) {
      if (requireComma) {
        this.expectOp(',');
        if (this.isOp(')')) break;
      }
      if (this.skipOp('*')) args.star = this.parseExpression();
      else if (this.skipOp('**')) args.dstar = this.parseExpression();
      else if (this.cur.type === 'name' && this.isOp('=', this.peek())) {
        const nameTok = this.next();
        const name = nameTok.value;
        if (args.keywords.some((k) => k.name === name)) this.fail(`keyword argument repeated: ${name}`, nameTok);
        this.next();
        args.keywords.push({ name, value: this.parseExpression() });
      } else args.positional.push(this.parseExpression());
      requireComma = true;
    }
    this.expectOp(')');
    return args;
  }

  private parseCall(node: Expr): Expr {
    const pos = this.cur.pos;
    return { kind: 'call', pos, callee: node, args: this.parseCallArgs() };
  }

  private dottedName(): string {
    let name = this.expectName();
    while (this.skipOp('.')) name += `.${this.expectName()}`;
    return name;
  }

  /** Parses `|f(args)|g` after `node` (or, with `startInline`, a filter chain head). */
  parseFilter(node: Expr | undefined, startInline = false): Expr {
    let out = node;
    let inline = startInline;
    while (this.isOp('|') || inline) {
      if (!inline) this.next();
      inline = false;
      const pos = this.cur.pos;
      const name = this.dottedName();
      const args = this.isOp('(') ? this.parseCallArgs() : { positional: [], keywords: [] };
      out = { kind: 'filter', pos, node: out, name, args };
    }
    return out as Expr;
  }

  private parseTest(node: Expr): Expr {
    const pos = this.next().pos;
    const negated = this.skipName('not');
    const name = this.dottedName();
    let args: Args = { positional: [], keywords: [] };
    const t = this.cur;
    if (this.isOp('(')) args = this.parseCallArgs();
    else if (
      (PRIMARY_START.has(t.type) || this.isOp('(') || this.isOp('[') || this.isOp('{')) &&
      !(t.type === 'name' && (t.value === 'else' || t.value === 'or' || t.value === 'and'))
    ) {
      if (this.isName('is')) this.fail('You cannot chain multiple tests with is');
      args = { positional: [this.parsePostfix(this.parsePrimary())], keywords: [] };
    }
    const test: Expr = { kind: 'test', pos, node, name, args };
    return negated ? { kind: 'unary', pos, op: 'not', operand: test } : test;
  }

  /** An assignment target: a name, `ns.attr`, or a tuple of names. */
  parseAssignTarget(opts: { nameOnly?: boolean; extraEnd?: readonly string[]; withNamespace?: boolean } = {}): Target {
    const t = this.cur;
    if (opts.withNamespace && t.type === 'name' && this.isOp('.', this.peek())) {
      this.i += 2;
      return { kind: 'nsref', pos: t.pos, name: t.value, attr: this.expectName() };
    }
    if (opts.nameOnly) return { kind: 'name', pos: t.pos, name: this.expectName() };
    const pos = t.pos;
    const items: Target[] = [];
    let isTuple = false;
    for (;;) {
      if (items.length > 0) this.expectOp(',');
      if (this.isTupleEnd(opts.extraEnd) || this.isOp('=')) break;
      items.push(this.parseTargetPrimary());
      if (this.isOp(',')) isTuple = true;
      else break;
    }
    if (!isTuple && items.length === 1) return items[0] as Target;
    if (items.length === 0) this.fail(`can't assign to ${describe(this.cur)}`);
    return { kind: 'tuple', pos, items };
  }

  private parseTargetPrimary(): Target {
    const t = this.cur;
    if (this.isOp('(')) {
      this.next();
      const inner = this.parseAssignTarget({ extraEnd: [] });
      this.expectOp(')');
      return inner;
    }
    if (t.type !== 'name') this.fail(`can't assign to ${describe(t)}`);
    if (['true', 'false', 'none', 'True', 'False', 'None'].includes(t.value)) this.fail(`can't assign to '${t.value}'`);
    this.next();
    return { kind: 'name', pos: t.pos, name: t.value };
  }
}
