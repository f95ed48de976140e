/** The template environment: options, filters, tests, globals and a template cache. */
import { TemplateError } from '../../core/errors.js';
import { ExpressionCompiler } from './compile-expression.js';
import { builtinFilters } from './filters/builtin-filters.js';
import { Kwargs } from './host-interop.js';
import { tokenize } from './lexer.js';
import { Parser } from './parser.js';
import { defaultGlobals } from './runtime/globals.js';
import { locateError } from './runtime/locate-error.js';
import type { FilterImpl, Frame, RuntimeEnv, TestImpl } from './runtime/runtime-env.js';
import { JinjaSyntaxError, lineColumn } from './syntax-error.js';
import { Template } from './template.js';
import { builtinTests } from './tests.js';

/** A host filter or test: the value, positional arguments, then a `Kwargs` if any were given. */
export type HostFilter = (value: unknown, ...args: unknown[]) => unknown;

export interface EnvironmentOptions {
  /** `'strict'` makes undefined values raise when printed, iterated or tested (StrictUndefined). */
  undefined?: 'default' | 'strict';
  /** Keep a single trailing newline at the end of templates (Jinja2 drops it by default). */
  keepTrailingNewline?: boolean;
  /** Extra filters (override built-ins of the same name). */
  filters?: Record<string, HostFilter>;
  /** Extra tests. */
  tests?: Record<string, HostFilter>;
  /** Names visible to every template below the render context. */
  globals?: Record<string, unknown>;
}

function hostAdapter(fn: HostFilter): FilterImpl {
  return (_env, value, args, kwargs) => {
    const rest = Object.keys(kwargs).length > 0 ? [...args, Kwargs.of(kwargs)] : args;
    const r = fn(value, ...rest);
    return r === undefined ? null : r;
  };
}

/** A Jinja2-compatible environment (autoescape off, `do` and loop controls enabled). */
export class Environment implements RuntimeEnv {
  readonly strict: boolean;
  readonly filters: Map<string, FilterImpl>;
  readonly tests: Map<string, TestImpl>;
  readonly globals: Record<string, unknown>;
  readonly #keepTrailingNewline: boolean;
  readonly #cache = new Map<string, { source: string; template: Template }>();

  constructor(options: EnvironmentOptions = {}) {
    this.strict = options.undefined === 'strict';
    this.#keepTrailingNewline = options.keepTrailingNewline ?? false;
    this.filters = builtinFilters();
    this.tests = builtinTests();
    this.globals = Object.assign(defaultGlobals(), options.globals);
    for (const [name, fn] of Object.entries(options.filters ?? {})) this.filters.set(name, hostAdapter(fn));
    for (const [name, fn] of Object.entries(options.tests ?? {})) {
      const impl = hostAdapter(fn);
      this.tests.set(name, (env, v, a, k) => Boolean(impl(env, v, a, k)));
    }
  }

  /**
   * Parses and compiles `source` (cached by `name` + source text). `name` is the
   * file name used in error messages.
   */
  fromString(source: string, name = '<template>'): Template {
    const cached = this.#cache.get(name);
    if (cached && cached.source === source) return cached.template;
    const template = new Template(this, source, { name, keepTrailingNewline: this.#keepTrailingNewline });
    this.#cache.set(name, { source, template });
    return template;
  }

  /** Parses, compiles and renders in one step. */
  renderString(source: string, context: object = {}, name = '<template>'): string {
    return this.fromString(source, name).render(context);
  }

  /** Compiles a standalone expression (e.g. `"ref('a') ~ 'x'"`) into a function of a context. */
  compileExpression(source: string, name = '<expression>'): (context: object) => unknown {
    const text = `{{ ${source} }}`;
    const compiler = new ExpressionCompiler(this, name, text);
    let fn: (f: Frame) => unknown;
    try {
      const parser = new Parser(tokenize(text));
      const body = parser.parseTemplate();
      const out = body[0];
      const expr = out?.kind === 'output' && out.items.length === 1 ? out.items[0] : undefined;
      if (expr === undefined || typeof expr === 'string') throw new JinjaSyntaxError('expected an expression', 0);
      fn = compiler.compileExpr(expr);
    } catch (e) {
      if (e instanceof JinjaSyntaxError) {
        throw new TemplateError('TEMPLATE_SYNTAX', e.message, { file: name, line: 1, column: Math.max(1, lineColumn(text, e.pos).column - 3) }, { cause: e });
      }
      throw e;
    }
    return (context: object) => {
      try {
        return fn(Object.create(context) as Frame);
      } catch (e) {
        throw locateError(e, () => ({ file: name }));
      }
    };
  }
}
