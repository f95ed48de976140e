/** A parsed and compiled template: render it, or take its macros and dbt blocks. */
import { TemplateError } from '../../core/errors.js';
import { StatementCompiler, type StmtFn } from './compile-statement.js';
import { MacroReturn, type MacroFunction } from './host-interop.js';
import { normalizeSource, tokenize } from './lexer.js';
import { Parser } from './parser.js';
import { locateError } from './runtime/locate-error.js';
import { type MacroSpec, createMacro } from './runtime/macro.js';
import { type Frame, Out, type RuntimeEnv } from './runtime/runtime-env.js';
import { JinjaSyntaxError, lineColumn } from './syntax-error.js';

/** A dbt `{% snapshot name %}` block. */
export interface SnapshotBlock {
  readonly name: string;
  /** 1-based line of the `{% snapshot %}` tag. */
  readonly line: number;
  /** The body's source text, as written between the tags. */
  readonly source: string;
  /** Renders the body with `context` (the file's top-level macros are visible). */
  render(context?: object): string;
}

/** A dbt `{% docs name %}` block. */
export interface DocsBlock {
  readonly name: string;
  readonly line: number;
  /** The raw text between the tags. */
  readonly text: string;
}

/** Options for compiling one template. */
export interface TemplateOptions {
  /** File name used in error messages. */
  name: string;
  keepTrailingNewline?: boolean;
}

/** A compiled template. Create it with `Environment.fromString`. */
export class Template {
  readonly name: string;
  /** The normalised source (newlines as `\n`, one trailing newline removed). */
  readonly source: string;
  /** Names of the macros defined at the top level (including dbt `test_*` and `materialization_*`). */
  readonly macroNames: readonly string[];
  readonly snapshots: readonly SnapshotBlock[];
  readonly docs: readonly DocsBlock[];
  readonly #main: StmtFn;
  readonly #macros: ReadonlyMap<string, MacroSpec>;
  readonly #bound = new WeakMap<object, Frame>();

  constructor(env: RuntimeEnv, source: string, options: TemplateOptions) {
    this.name = options.name;
    this.source = normalizeSource(source, options.keepTrailingNewline);
    const compiler = new StatementCompiler(env, this.name, this.source);
    try {
      const ast = new Parser(tokenize(this.source)).parseTemplate();
      this.#main = compiler.compileTemplate(ast);
    } catch (e) {
      if (e instanceof JinjaSyntaxError) {
        const { line, column } = lineColumn(this.source, e.pos);
        throw new TemplateError('TEMPLATE_SYNTAX', e.message, { file: this.name, line, column }, { cause: e });
      }
      throw e;
    }
    this.#macros = compiler.topMacros;
    this.macroNames = [...compiler.topMacros.keys()];
    this.snapshots = compiler.snapshots.map((s) => ({
      name: s.name,
      line: lineColumn(this.source, s.pos).line,
      source: this.source.slice(s.bodyStart, s.bodyEnd),
      render: (context: object = {}) => this.#run(s.body, this.#rootFrame(context, false)),
    }));
    this.docs = compiler.docs.map((d) => ({ name: d.name, line: lineColumn(this.source, d.pos).line, text: d.text }));
  }

  /** Renders the template with `context` (a plain object; its prototype chain is honoured). */
  render(context: object = {}): string {
    return this.#run(this.#main, Object.create(context) as Frame);
  }

  /** True when the template defines top-level macro `name`. */
  hasMacro(name: string): boolean {
    return this.#macros.has(name);
  }

  /**
   * The top-level macro `name` bound to `globals`: its free names (and the
   * file's other macros) resolve in `globals`, e.g. the context of the node
   * being compiled. The file's top-level code is not run.
   */
  macro(name: string, globals: object): MacroFunction {
    const spec = this.#macros.get(name);
    if (!spec) throw new TemplateError('TEMPLATE_RUNTIME', `no macro named '${name}'`, { file: this.name });
    return this.#rootFrame(globals, true)[name] as MacroFunction;
  }

  /** All top-level macros bound to `globals` (see `macro`). */
  macros(globals: object): Record<string, MacroFunction> {
    const root = this.#rootFrame(globals, true);
    const out: Record<string, MacroFunction> = {};
    for (const name of this.#macros.keys()) out[name] = root[name] as MacroFunction;
    return out;
  }

  #rootFrame(globals: object, cache: boolean): Frame {
    const cached = cache ? this.#bound.get(globals) : undefined;
    if (cached) return cached;
    const root = Object.create(globals) as Frame;
    for (const [name, spec] of this.#macros) root[name] = createMacro(spec, root);
    if (cache) this.#bound.set(globals, root);
    return root;
  }

  #run(body: StmtFn, frame: Frame): string {
    const o = new Out();
    try {
      body(frame, o);
    } catch (e) {
      if (e instanceof MacroReturn) {
        throw new TemplateError('TEMPLATE_RUNTIME', 'return() was called outside of a macro', { file: this.name });
      }
      throw locateError(e, () => ({ file: this.name }));
    }
    return o.s;
  }
}
