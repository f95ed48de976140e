/**
 * Compiles expression nodes into closures `(frame) => value`. Names resolve
 * through the frame's prototype chain (locals, then the render context), then
 * the environment's globals, else to Undefined.
 */
import type { SourceLocation } from '../../core/errors.js';
import type { Args, CallExpr, Expr } from './ast.js';
import { pyNeg, pyPos } from './python-arith.js';
import { pyCompare, pyContains, pyEq, pyIter, truthy } from './python-ops.js';
import { pyStr } from './python-str.js';
import { Markup, Undefined, isDict, tuple } from './python-values.js';
import { NOT_FOUND, findMethod, getAttr, getItem, getSlice } from './runtime/attributes.js';
import { callValue } from './runtime/call.js';
import { locateError } from './runtime/locate-error.js';
import { BINARY_OPS, toText } from './runtime/operators.js';
import type { Frame, RuntimeEnv } from './runtime/runtime-env.js';
import { RenderError } from './render-error.js';
import { JinjaSyntaxError, lineColumn } from './syntax-error.js';

/** A compiled expression. */
export type ExprFn = (f: Frame) => unknown;

/** Frame key holding the body text of a `{% filter %}` / filtered `{% set %}` block. */
export const HOLE: unique symbol = Symbol('jinja.hole');

const EMPTY: Record<string, unknown> = Object.freeze({}) as Record<string, unknown>;
const NO_ARGS: readonly unknown[] = Object.freeze([]);
const OBJECT_PROTO = Object.prototype as unknown as Record<string, unknown>;
const OBJECT_PROTO_NAMES = new Set(Object.getOwnPropertyNames(Object.prototype));

type ArgsFn = (f: Frame) => { positional: readonly unknown[]; kwargs: Record<string, unknown> | undefined };

function dictKey(k: unknown): string {
  return typeof k === 'string' ? k : k instanceof Markup ? k.value : pyStr(k);
}

/** Compiles expressions for one template. */
export class ExpressionCompiler {
  /** > 0 while compiling inside if/else branches (unknown filters then fail only when run). */
  protected soft = 0;

  constructor(
    protected readonly env: RuntimeEnv,
    protected readonly file: string,
    protected readonly source: string,
  ) {}

  /** The source location of offset `pos`. */
  location(pos: number): SourceLocation {
    const { line, column } = lineColumn(this.source, pos);
    return { file: this.file, line, column };
  }

  protected wrap(e: unknown, pos: number): unknown {
    return locateError(e, () => this.location(pos));
  }

  compileExpr(e: Expr): ExprFn {
    switch (e.kind) {
      case 'const': {
        const v = e.value;
        return () => v;
      }
      case 'name':
        return this.compileName(e.name);
      case 'tuple': {
        const items = e.items.map((x) => this.compileExpr(x));
        return (f) => tuple(items.map((fn) => fn(f)));
      }
      case 'list': {
        const items = e.items.map((x) => this.compileExpr(x));
        return (f) => items.map((fn) => fn(f));
      }
      case 'dict': {
        const keys = e.keys.map((x) => this.compileExpr(x));
        const values = e.values.map((x) => this.compileExpr(x));
        return (f) => {
          const d: Record<string, unknown> = {};
          for (let i = 0; i < keys.length; i++) d[dictKey((keys[i] as ExprFn)(f))] = (values[i] as ExprFn)(f);
          return d;
        };
      }
      case 'getattr': {
        const obj = this.compileExpr(e.obj);
        const name = e.name;
        const strict = this.env.strict;
        return (f) => getAttr(obj(f), name, strict);
      }
      case 'getitem': {
        const obj = this.compileExpr(e.obj);
        const key = this.compileExpr(e.key);
        const strict = this.env.strict;
        return (f) => getItem(obj(f), key(f), strict);
      }
      case 'slice': {
        const obj = this.compileExpr(e.obj);
        const none: ExprFn = () => null;
        const start = e.start ? this.compileExpr(e.start) : none;
        const stop = e.stop ? this.compileExpr(e.stop) : none;
        const step = e.step ? this.compileExpr(e.step) : none;
        return (f) => getSlice(obj(f), start(f), stop(f), step(f));
      }
      case 'call':
        return this.compileCall(e, undefined);
      case 'filter':
        return this.compileFilter(e);
      case 'test':
        return this.compileTest(e);
      case 'cond': {
        const test = this.compileExpr(e.test);
        this.soft++;
        const then = this.compileExpr(e.then);
        const strict = this.env.strict;
        const line = this.location(e.pos).line;
        const otherwise: ExprFn = e.else
          ? this.compileExpr(e.else)
          : () => new Undefined(undefined, undefined, strict, `the inline if-expression on line ${line} evaluated to false and no else section was defined.`);
        this.soft--;
        return (f) => (truthy(test(f)) ? then(f) : otherwise(f));
      }
      case 'binop': {
        const left = this.compileExpr(e.left);
        const right = this.compileExpr(e.right);
        const op = BINARY_OPS[e.op];
        return (f) => op(left(f), right(f));
      }
      case 'unary': {
        const operand = this.compileExpr(e.operand);
        if (e.op === 'not') return (f) => !truthy(operand(f));
        if (e.op === 'neg') return (f) => pyNeg(operand(f));
        return (f) => pyPos(operand(f));
      }
      case 'and': {
        const left = this.compileExpr(e.left);
        const right = this.compileExpr(e.right);
        return (f) => {
          const l = left(f);
          return truthy(l) ? right(f) : l;
        };
      }
      case 'or': {
        const left = this.compileExpr(e.left);
        const right = this.compileExpr(e.right);
        return (f) => {
          const l = left(f);
          return truthy(l) ? l : right(f);
        };
      }
      case 'compare':
        return this.compileCompare(e);
      case 'concat': {
        const items = e.items.map((x) => this.compileExpr(x));
        return (f) => {
          let s = '';
          for (const fn of items) s += toText(fn(f));
          return s;
        };
      }
    }
  }

  private compileName(name: string): ExprFn {
    const globals = this.env.globals;
    const strict = this.env.strict;
    const missing = (): unknown => (name in globals ? globals[name] : new Undefined(name, undefined, strict));
    if (name === '__proto__') return missing;
    if (OBJECT_PROTO_NAMES.has(name)) {
      return (f) => {
        const v = f[name];
        return v !== undefined && v !== OBJECT_PROTO[name] ? v : v === undefined && name in f ? v : missing();
      };
    }
    return (f) => {
      const v = f[name];
      if (v !== undefined || name in f) return v;
      return missing();
    };
  }

  private compileCompare(e: Extract<Expr, { kind: 'compare' }>): ExprFn {
    const first = this.compileExpr(e.first);
    const ops = e.ops.map(({ op, expr }) => {
      const fn = this.compileExpr(expr);
      let test: (a: unknown, b: unknown) => boolean;
      switch (op) {
        case 'eq':
          test = pyEq;
          break;
        case 'ne':
          test = (a, b) => !pyEq(a, b);
          break;
        case 'in':
          test = (a, b) => pyContains(b, a);
          break;
        case 'notin':
          test = (a, b) => !pyContains(b, a);
          break;
        default:
          test = (a, b) => pyCompare(op, a, b);
      }
      return { fn, test };
    });
    if (ops.length === 1) {
      const { fn, test } = ops[0] as { fn: ExprFn; test: (a: unknown, b: unknown) => boolean };
      return (f) => test(first(f), fn(f));
    }
    return (f) => {
      let left = first(f);
      for (const { fn, test } of ops) {
        const right = fn(f);
        if (!test(left, right)) return false;
        left = right;
      }
      return true;
    };
  }

  /** Compiles call arguments into a function producing positional args and kwargs. */
  protected compileArgs(args: Args): ArgsFn {
    const pos = args.positional.map((x) => this.compileExpr(x));
    const kws = args.keywords.map(({ name, value }) => ({ name, fn: this.compileExpr(value) }));
    const star = args.star ? this.compileExpr(args.star) : undefined;
    const dstar = args.dstar ? this.compileExpr(args.dstar) : undefined;
    if (!star && !dstar && kws.length === 0) {
      if (pos.length === 0) return () => ({ positional: NO_ARGS, kwargs: undefined });
      if (pos.length === 1) {
        const p0 = pos[0] as ExprFn;
        return (f) => ({ positional: [p0(f)], kwargs: undefined });
      }
      return (f) => ({ positional: pos.map((fn) => fn(f)), kwargs: undefined });
    }
    return (f) => {
      const positional = pos.map((fn) => fn(f));
      if (star) positional.push(...pyIter(star(f)));
      let kwargs: Record<string, unknown> | undefined;
      if (kws.length > 0 || dstar) {
        kwargs = {};
        for (const { name, fn } of kws) kwargs[name] = fn(f);
        if (dstar) {
          const extra = dstar(f);
          if (!isDict(extra)) throw new RenderError('argument after ** must be a mapping');
          Object.assign(kwargs, extra);
        }
      }
      return { positional, kwargs };
    };
  }

  /** Compiles a call; `callerFn` supplies `caller` for `{% call %}` blocks. */
  protected compileCall(e: CallExpr, callerFn: ((f: Frame) => unknown) | undefined): ExprFn {
    const argsFn = this.compileArgs(e.args);
    const pos = e.pos;
    const strict = this.env.strict;
    if (e.callee.kind === 'getattr') {
      const objFn = this.compileExpr(e.callee.obj);
      const name = e.callee.name;
      return (f) => {
        const obj = objFn(f);
        try {
          let fn = obj instanceof Undefined ? obj.fail() : findMethod(obj, name);
          if (fn === NOT_FOUND) fn = getAttr(obj, name, strict);
          const { positional, kwargs } = argsFn(f);
          return callValue(fn, positional, kwargs, callerFn?.(f), obj);
        } catch (err) {
          throw this.wrap(err, pos);
        }
      };
    }
    const calleeFn = this.compileExpr(e.callee);
    return (f) => {
      try {
        const fn = calleeFn(f);
        const { positional, kwargs } = argsFn(f);
        return callValue(fn, positional, kwargs, callerFn?.(f), undefined);
      } catch (err) {
        throw this.wrap(err, pos);
      }
    };
  }

  private compileFilter(e: Extract<Expr, { kind: 'filter' }>): ExprFn {
    const node: ExprFn = e.node ? this.compileExpr(e.node) : (f) => f[HOLE];
    return this.compileApplication('filter', this.env.filters.get(e.name), e.name, e.pos, node, e.args);
  }

  private compileTest(e: Extract<Expr, { kind: 'test' }>): ExprFn {
    return this.compileApplication('test', this.env.tests.get(e.name), e.name, e.pos, this.compileExpr(e.node), e.args);
  }

  /**
   * A filter or test applied to a value. An unknown name is a syntax error,
   * except in soft contexts (a branch Jinja2 only checks when it runs), where
   * it fails at render time like Jinja2.
   */
  private compileApplication(
    kind: 'filter' | 'test',
    impl: ((env: RuntimeEnv, value: unknown, args: readonly unknown[], kwargs: Record<string, unknown>) => unknown) | undefined,
    name: string,
    pos: number,
    node: ExprFn,
    args: Extract<Expr, { kind: 'filter' }>['args'],
  ): ExprFn {
    if (!impl && this.soft === 0) throw new JinjaSyntaxError(`No ${kind} named '${name}'.`, pos);
    const argsFn = this.compileArgs(args);
    const env = this.env;
    return (f) => {
      const v = node(f);
      try {
        if (!impl) throw new RenderError(`No ${kind} named '${name}'.`, 'TemplateRuntimeError');
        const { positional, kwargs } = argsFn(f);
        return impl(env, v, positional, kwargs ?? EMPTY);
      } catch (err) {
        throw this.wrap(err, pos);
      }
    };
  }

}
