/**
 * Statement parser: turns a token stream into the template body (a list of
 * statements). Supports Jinja2's core tags, the `do` and loop-control
 * extensions, and dbt's `test`, `snapshot`, `docs` and `materialization` tags.
 */
import type { CallExpr, Expr, MacroDef, Stmt, Target } from './ast.js';
import { ExpressionParser } from './expression-parser.js';
import type { Token } from './lexer.js';

const UNSUPPORTED = new Set(['extends', 'include', 'import', 'from', 'autoescape', 'trans', 'print']);

/** Parses a whole template. `source` is the normalised text (for snapshot bodies). */
export class Parser extends ExpressionParser {
  /** Names read inside each enclosing macro body (for caller/varargs/kwargs detection). */
  private readonly nameScopes: Array<Set<string>> = [];
  /** Enclosing for-loops (null marks a macro boundary); each records break/continue use. */
  private readonly loops: Array<{ control: boolean } | null> = [];

  constructor(tokens: Token[]) {
    super(tokens);
  }

  protected override onName(name: string): void {
    for (const s of this.nameScopes) s.add(name);
  }

  /** Parses the template into its top-level statements. */
  parseTemplate(): Stmt[] {
    const body = this.subparse(undefined);
    if (this.cur.type !== 'eof') this.fail(`unexpected ${this.cur.value}`);
    return body;
  }

  private subparse(endTokens: readonly string[] | undefined): Stmt[] {
    const body: Stmt[] = [];
    let output: Array<string | Expr> | undefined;
    let outputPos = 0;
    const flush = (): void => {
      if (output) body.push({ kind: 'output', pos: outputPos, items: output });
      output = undefined;
    };
    const add = (item: string | Expr, pos: number): void => {
      if (!output) {
        output = [];
        outputPos = pos;
      }
      output.push(item);
    };
    for (;;) {
      const t = this.cur;
      if (t.type === 'eof') break;
      if (t.type === 'data') {
        this.next();
        add(t.value, t.pos);
      } else if (t.type === 'var_begin') {
        this.next();
        add(this.parseTuple(), t.pos);
        this.expectType('var_end', "end of print statement '}}'");
      } else if (t.type === 'block_begin') {
        flush();
        this.next();
        if (endTokens !== undefined && this.cur.type === 'name' && endTokens.includes(this.cur.value)) return body;
        body.push(this.parseStatement());
        this.expectType('block_end', "end of statement block '%}'");
      } else this.fail(`unexpected ${t.value}`);
    }
    flush();
    if (endTokens !== undefined) {
      this.fail(`Unexpected end of template. Jinja was looking for the following tags: ${endTokens.map((e) => `'${e}'`).join(' or ')}.`);
    }
    return body;
  }

  /** Parses `%}` body up to one of `endTokens`; with `dropNeedle` consumes the end name. */
  private parseStatements(endTokens: readonly string[], dropNeedle = false): Stmt[] {
    this.skipOp(':');
    this.expectType('block_end', "end of statement block '%}'");
    const body = this.subparse(endTokens);
    if (dropNeedle) this.next();
    return body;
  }

  private parseStatement(): Stmt {
    const t = this.cur;
    if (t.type !== 'name') this.fail('tag name expected');
    switch (t.value) {
      case 'for':
        return this.parseFor();
      case 'if':
        return this.parseIf();
      case 'set':
        return this.parseSet();
      case 'macro':
        return this.parseMacro();
      case 'call':
        return this.parseCallBlock();
      case 'filter':
        return this.parseFilterBlock();
      case 'with':
        return this.parseWith();
      case 'do': {
        this.next();
        return { kind: 'do', pos: t.pos, expr: this.parseTuple() };
      }
      case 'break':
      case 'continue': {
        this.next();
        const loop = this.loops[this.loops.length - 1];
        if (!loop) this.fail(`'${t.value}' outside loop`, t);
        loop.control = true;
        return { kind: t.value, pos: t.pos };
      }
      case 'block':
        return this.parseBlock();
      case 'test':
        return this.parseTestBlock();
      case 'materialization':
        return this.parseMaterialization();
      case 'snapshot':
        return this.parseSnapshot();
      case 'docs':
        return this.parseDocs();
      default:
        if (UNSUPPORTED.has(t.value)) this.fail(`the '{% ${t.value} %}' tag is not supported by Basin's template engine`, t);
        return this.fail(`Encountered unknown tag '${t.value}'.`, t);
    }
  }

  private parseFor(): Stmt {
    const pos = this.next().pos;
    const target = this.parseAssignTarget({ extraEnd: ['in'] });
    if (!this.skipName('in')) this.fail("expected 'in'");
    const iter = this.parseTuple({ withCondexpr: false, extraEnd: ['recursive'] });
    const filter = this.skipName('if') ? this.parseExpression() : undefined;
    const recursive = this.skipName('recursive');
    const loop = { control: false };
    this.loops.push(loop);
    const body = this.parseStatements(['endfor', 'else']);
    this.loops.pop();
    let otherwise: Stmt[] = [];
    if (this.next().value === 'else') otherwise = this.parseStatements(['endfor'], true);
    return { kind: 'for', pos, target, iter, body, else: otherwise, filter, recursive, hasLoopControl: loop.control };
  }

  private parseIf(): Stmt {
    const pos = this.next().pos;
    const test = this.parseTuple({ withCondexpr: false });
    const body = this.parseStatements(['elif', 'else', 'endif']);
    const tag = this.next();
    if (tag.value === 'elif') {
      const nested = this.parseIf_elif(tag.pos);
      return { kind: 'if', pos, test, body, else: [nested] };
    }
    const otherwise = tag.value === 'else' ? this.parseStatements(['endif'], true) : [];
    return { kind: 'if', pos, test, body, else: otherwise };
  }

  private parseIf_elif(pos: number): Stmt {
    const test = this.parseTuple({ withCondexpr: false });
    const body = this.parseStatements(['elif', 'else', 'endif']);
    const tag = this.next();
    if (tag.value === 'elif') return { kind: 'if', pos, test, body, else: [this.parseIf_elif(tag.pos)] };
    const otherwise = tag.value === 'else' ? this.parseStatements(['endif'], true) : [];
    return { kind: 'if', pos, test, body, else: otherwise };
  }

  private parseSet(): Stmt {
    const pos = this.next().pos;
    const target = this.parseAssignTarget({ withNamespace: true });
    if (this.skipOp('=')) return { kind: 'set', pos, target, value: this.parseTuple() };
    const filter = this.isOp('|') ? this.parseFilter(undefined) : undefined;
    const body = this.parseStatements(['endset'], true);
    return { kind: 'setblock', pos, target, filter, body };
  }

  private parseSignature(def: MacroDef): void {
    this.expectOp('(');
    let sawDefault = false;
    while (!this.isOp(')')) {
      if (def.params.length > 0) this.expectOp(',');
      if (this.isOp(')')) break;
      const arg = this.parseAssignTarget({ nameOnly: true }) as Extract<Target, { kind: 'name' }>;
      if (this.skipOp('=')) {
        def.defaults.push(this.parseExpression());
        sawDefault = true;
      } else if (sawDefault) this.fail('non-default argument follows default argument');
      else def.defaults.push(undefined);
      def.params.push(arg.name);
    }
    this.expectOp(')');
  }

  /** Parses a macro body up to `endTag`, detecting use of caller/varargs/kwargs. */
  private parseMacroBody(def: MacroDef, endTag: string): void {
    const names = new Set<string>();
    this.nameScopes.push(names);
    this.loops.push(null);
    def.body = this.parseStatements([endTag], true);
    this.loops.pop();
    this.nameScopes.pop();
    def.usesCaller = names.has('caller');
    def.catchVarargs = names.has('varargs');
    def.catchKwargs = names.has('kwargs');
  }

  private newDef(name: string): MacroDef {
    return { name, params: [], defaults: [], body: [], catchVarargs: false, catchKwargs: false, usesCaller: false };
  }

  private parseMacro(): Stmt {
    const pos = this.next().pos;
    const def = this.newDef(this.expectName());
    this.parseSignature(def);
    this.parseMacroBody(def, 'endmacro');
    return { kind: 'macro', pos, def };
  }

  /** dbt: `{% test name(model, column_name) %}` defines macro `test_name`. */
  private parseTestBlock(): Stmt {
    const pos = this.next().pos;
    const def = this.newDef(`test_${this.expectName()}`);
    this.parseSignature(def);
    this.parseMacroBody(def, 'endtest');
    return { kind: 'macro', pos, def };
  }

  /** dbt: `{% materialization name, adapter='x' %}` defines `materialization_name_x`. */
  private parseMaterialization(): Stmt {
    const pos = this.next().pos;
    const name = this.expectName();
    let adapter = 'default';
    while (this.skipOp(',')) {
      if (this.skipName('default')) adapter = 'default';
      else {
        const key = this.expectName();
        this.expectOp('=');
        const value = this.parseExpression();
        if (key === 'adapter') {
          if (value.kind !== 'const' || typeof value.value !== 'string') this.fail('materialization adapter must be a string');
          adapter = value.value;
        }
      }
    }
    const def = this.newDef(`materialization_${name}_${adapter}`);
    this.parseMacroBody(def, 'endmaterialization');
    return { kind: 'macro', pos, def };
  }

  private parseCallBlock(): Stmt {
    const pos = this.next().pos;
    const def = this.newDef('caller');
    if (this.isOp('(')) this.parseSignature(def);
    const call = this.parseExpression();
    if (call.kind !== 'call') this.fail('expected call');
    this.parseMacroBody(def, 'endcall');
    return { kind: 'callblock', pos, call: call as CallExpr, def };
  }

  private parseFilterBlock(): Stmt {
    const pos = this.next().pos;
    const filter = this.parseFilter(undefined, true);
    const body = this.parseStatements(['endfilter'], true);
    return { kind: 'filterblock', pos, filter, body };
  }

  private parseWith(): Stmt {
    const pos = this.next().pos;
    const targets: Target[] = [];
    const values: Expr[] = [];
    while (this.cur.type !== 'block_end') {
      if (targets.length > 0) this.expectOp(',');
      targets.push(this.parseAssignTarget());
      this.expectOp('=');
      values.push(this.parseExpression());
    }
    const body = this.parseStatements(['endwith'], true);
    return { kind: 'with', pos, targets, values, body };
  }

  private parseBlock(): Stmt {
    const pos = this.next().pos;
    const name = this.expectName();
    this.skipName('scoped');
    this.skipName('required');
    const body = this.parseStatements(['endblock'], true);
    if (this.cur.type === 'name') {
      if (this.cur.value !== name) this.fail(`'${name}' expected, got '${this.cur.value}'`);
      this.next();
    }
    return { kind: 'block', pos, name, body };
  }

  /** dbt: `{% snapshot name %}...{% endsnapshot %}`; the body's source span is kept. */
  private parseSnapshot(): Stmt {
    const pos = this.next().pos;
    const name = this.expectName();
    this.skipOp(':');
    const end = this.expectType('block_end', "end of statement block '%}'");
    const bodyStart = end.pos + end.value.length;
    const body = this.subparse(['endsnapshot']);
    const endTag = this.tokens[this.i - 1] as Token;
    this.next();
    return { kind: 'snapshot', pos, name, body, bodyStart, bodyEnd: endTag.pos };
  }

  /** dbt: `{% docs name %}text{% enddocs %}`; the lexer delivers the text as one data token. */
  private parseDocs(): Stmt {
    const pos = this.next().pos;
    const name = this.expectName();
    this.expectType('block_end', "end of statement block '%}'");
    const text = this.expectType('data', 'docs text').value;
    this.expectType('block_begin', "'{% enddocs %}'");
    if (!this.skipName('enddocs')) this.fail("expected 'enddocs'");
    return { kind: 'docs', pos, name, text };
  }
}
