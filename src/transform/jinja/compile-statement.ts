/**
 * Compiles statements into closures `(frame, out) => void`. Scoping follows
 * Jinja2: `for` iterations, macro calls, `with`, `{% set %}` blocks and filter
 * blocks get a child frame (so assignments inside do not leak out); `if` does
 * not. `namespace()` attributes are the way to carry state out of a loop.
 */
import type { MacroDef, Stmt, Target } from './ast.js';
import { type ExprFn, ExpressionCompiler, HOLE } from './compile-expression.js';
import { pyIter, truthy } from './python-ops.js';
import { Namespace, Undefined } from './python-values.js';
import { RenderError } from './render-error.js';
import { BREAK, CONTINUE } from './runtime/locate-error.js';
import { LoopContext } from './runtime/loop-context.js';
import { type MacroSpec, createMacro } from './runtime/macro.js';
import { toText } from './runtime/operators.js';
import { type Frame, Out } from './runtime/runtime-env.js';

/** A compiled statement. */
export type StmtFn = (f: Frame, o: Out) => void;

type AssignFn = (f: Frame, value: unknown) => void;

const NOOP: StmtFn = () => {};

/** Assigns a frame-local variable, even over a getter-only property inherited from the context. */
export function setVar(f: Frame, name: string, value: unknown): void {
  try {
    f[name] = value;
  } catch {
    Object.defineProperty(f, name, { value, writable: true, enumerable: true, configurable: true });
  }
}

/** A compiled `snapshot` block (dbt). */
export interface CompiledSnapshot {
  name: string;
  pos: number;
  bodyStart: number;
  bodyEnd: number;
  body: StmtFn;
}

/** Compiles one template's statements. */
export class StatementCompiler extends ExpressionCompiler {
  /** Top-level macros by name (exposed to the host). */
  readonly topMacros = new Map<string, MacroSpec>();
  readonly snapshots: CompiledSnapshot[] = [];
  readonly docs: Array<{ name: string; pos: number; text: string }> = [];
  private readonly precompiled = new Map<Stmt, MacroSpec>();

  /** Compiles the template body. */
  compileTemplate(body: Stmt[]): StmtFn {
    for (const s of body) {
      if (s.kind === 'macro') {
        const spec = this.compileMacroSpec(s.def, false);
        this.topMacros.set(s.def.name, spec);
        this.precompiled.set(s, spec);
      }
    }
    return this.compileBody(body);
  }

  compileBody(stmts: Stmt[]): StmtFn {
    const fns = stmts.map((s) => this.compileStmt(s));
    if (fns.length === 0) return NOOP;
    if (fns.length === 1) return fns[0] as StmtFn;
    if (fns.length === 2) {
      const [a, b] = fns as [StmtFn, StmtFn];
      return (f, o) => {
        a(f, o);
        b(f, o);
      };
    }
    return (f, o) => {
      for (const fn of fns) fn(f, o);
    };
  }

  private soft_<T>(fn: () => T): T {
    this.soft++;
    try {
      return fn();
    } finally {
      this.soft--;
    }
  }

  private compileStmt(s: Stmt): StmtFn {
    switch (s.kind) {
      case 'output':
        return this.compileOutput(s);
      case 'if': {
        const test = this.soft_(() => this.compileExpr(s.test));
        const body = this.soft_(() => this.compileBody(s.body));
        const otherwise = this.soft_(() => this.compileBody(s.else));
        const pos = s.pos;
        return (f, o) => {
          let t: boolean;
          try {
            t = truthy(test(f));
          } catch (e) {
            throw this.wrap(e, pos);
          }
          if (t) body(f, o);
          else otherwise(f, o);
        };
      }
      case 'for':
        return this.compileFor(s);
      case 'set': {
        const value = this.compileExpr(s.value);
        const assign = this.compileTarget(s.target);
        const pos = s.pos;
        return (f) => {
          try {
            assign(f, value(f));
          } catch (e) {
            throw this.wrap(e, pos);
          }
        };
      }
      case 'setblock': {
        const body = this.compileBody(s.body);
        const filter = s.filter ? this.compileExpr(s.filter) : undefined;
        const assign = this.compileTarget(s.target);
        const pos = s.pos;
        return (f) => {
          const inner = new Out();
          body(Object.create(f) as Frame, inner);
          let value: unknown = inner.s;
          if (filter) {
            const h = Object.create(f) as Frame;
            h[HOLE] = value;
            value = filter(h);
          }
          try {
            assign(f, value);
          } catch (e) {
            throw this.wrap(e, pos);
          }
        };
      }
      case 'macro': {
        const spec = this.precompiled.get(s) ?? this.compileMacroSpec(s.def, false);
        const name = s.def.name;
        return (f) => setVar(f, name, createMacro(spec, f));
      }
      case 'callblock': {
        const spec = this.compileMacroSpec(s.def, true);
        const call = this.compileCall(s.call, (f) => createMacro(spec, f));
        return (f, o) => {
          o.s += toText(call(f));
        };
      }
      case 'filterblock': {
        const body = this.compileBody(s.body);
        const filter = this.compileExpr(s.filter);
        const pos = s.pos;
        return (f, o) => {
          const inner = new Out();
          body(Object.create(f) as Frame, inner);
          const h = Object.create(f) as Frame;
          h[HOLE] = inner.s;
          try {
            o.s += toText(filter(h));
          } catch (e) {
            throw this.wrap(e, pos);
          }
        };
      }
      case 'with': {
        const values = s.values.map((v) => this.compileExpr(v));
        const targets = s.targets.map((t) => this.compileTarget(t));
        const body = this.compileBody(s.body);
        const pos = s.pos;
        return (f, o) => {
          const g = Object.create(f) as Frame;
          try {
            const vals = values.map((v) => v(f));
            targets.forEach((t, i) => t(g, vals[i]));
          } catch (e) {
            throw this.wrap(e, pos);
          }
          body(g, o);
        };
      }
      case 'do': {
        const expr = this.compileExpr(s.expr);
        const pos = s.pos;
        return (f) => {
          try {
            expr(f);
          } catch (e) {
            throw this.wrap(e, pos);
          }
        };
      }
      case 'break':
        return () => {
          throw BREAK;
        };
      case 'continue':
        return () => {
          throw CONTINUE;
        };
      case 'block': {
        const body = this.compileBody(s.body);
        return (f, o) => body(Object.create(f) as Frame, o);
      }
      case 'snapshot': {
        const body = this.compileBody(s.body);
        this.snapshots.push({ name: s.name, pos: s.pos, bodyStart: s.bodyStart, bodyEnd: s.bodyEnd, body });
        return NOOP;
      }
      case 'docs':
        this.docs.push({ name: s.name, pos: s.pos, text: s.text });
        return NOOP;
    }
  }

  private compileOutput(s: Extract<Stmt, { kind: 'output' }>): StmtFn {
    const parts: Array<string | ExprFn> = [];
    const positions: number[] = [];
    for (const item of s.items) {
      if (typeof item === 'string') {
        const last = parts[parts.length - 1];
        if (typeof last === 'string') parts[parts.length - 1] = last + item;
        else {
          parts.push(item);
          positions.push(s.pos);
        }
      } else {
        parts.push(this.compileExpr(item));
        positions.push(item.pos);
      }
    }
    if (parts.length === 1 && typeof parts[0] === 'string') {
      const text = parts[0];
      return (_f, o) => {
        o.s += text;
      };
    }
    return (f, o) => {
      let k = 0;
      try {
        for (; k < parts.length; k++) {
          const p = parts[k] as string | ExprFn;
          o.s += typeof p === 'string' ? p : toText(p(f));
        }
      } catch (e) {
        throw this.wrap(e, positions[k] ?? s.pos);
      }
    };
  }

  private compileFor(s: Extract<Stmt, { kind: 'for' }>): StmtFn {
    const iter = this.compileExpr(s.iter);
    const assign = this.compileTarget(s.target);
    const filter = s.filter ? this.compileExpr(s.filter) : undefined;
    const body = this.compileBody(s.body);
    const otherwise = s.else.length > 0 ? this.compileBody(s.else) : undefined;
    const control = s.hasLoopControl;
    const recursive = s.recursive;
    const strict = this.env.strict;
    const pos = s.pos;
    const run = (f: Frame, o: Out, iterable: unknown, depth: number): void => {
      let items: readonly unknown[];
      try {
        items = pyIter(iterable);
        if (filter) {
          items = items.filter((x) => {
            const g = Object.create(f) as Frame;
            assign(g, x);
            return truthy(filter(g));
          });
        }
      } catch (e) {
        throw this.wrap(e, pos);
      }
      if (items.length === 0) {
        if (otherwise) otherwise(Object.create(f) as Frame, o);
        return;
      }
      const loop = new LoopContext(
        items,
        depth,
        strict,
        recursive
          ? (it) => {
              const inner = new Out();
              run(f, inner, it, depth + 1);
              return inner.s;
            }
          : undefined,
      );
      for (let i = 0; i < items.length; i++) {
        const g = Object.create(f) as Frame;
        g.loop = loop;
        loop.index0 = i;
        try {
          assign(g, items[i]);
        } catch (e) {
          throw this.wrap(e, pos);
        }
        if (!control) body(g, o);
        else {
          try {
            body(g, o);
          } catch (e) {
            if (e === BREAK) break;
            if (e === CONTINUE) continue;
            throw e;
          }
        }
      }
    };
    return (f, o) => {
      let iterable: unknown;
      try {
        iterable = iter(f);
      } catch (e) {
        throw this.wrap(e, pos);
      }
      run(f, o, iterable, 0);
    };
  }

  /** Compiles an assignment target into `(frame, value) => void`. */
  protected compileTarget(t: Target): AssignFn {
    switch (t.kind) {
      case 'name': {
        const name = t.name;
        if (name === '__proto__') throw new RenderError("cannot assign to '__proto__'");
        return (f, v) => setVar(f, name, v);
      }
      case 'nsref': {
        const lookup = this.compileExpr({ kind: 'name', pos: t.pos, name: t.name });
        const attr = t.attr;
        return (f, v) => {
          const ns = lookup(f);
          if (!(ns instanceof Namespace)) throw new RenderError('cannot assign attribute on non-namespace object');
          ns[attr] = v;
        };
      }
      case 'tuple': {
        const items = t.items.map((x) => this.compileTarget(x));
        const n = items.length;
        return (f, v) => {
          if (v instanceof Undefined) v.fail();
          const values = pyIter(v);
          if (values.length > n) throw new RenderError(`too many values to unpack (expected ${n})`, 'ValueError');
          if (values.length < n) throw new RenderError(`not enough values to unpack (expected ${n}, got ${values.length})`, 'ValueError');
          for (let i = 0; i < n; i++) (items[i] as AssignFn)(f, values[i]);
        };
      }
    }
  }

  /** Compiles a macro (or `caller`) definition. */
  compileMacroSpec(def: MacroDef, isCaller: boolean): MacroSpec {
    const saved = this.soft;
    this.soft = 0;
    try {
      return {
        name: def.name,
        params: def.params,
        defaults: def.defaults.map((d) => (d ? this.compileExpr(d) : undefined)),
        body: this.compileBody(def.body),
        catchVarargs: def.catchVarargs,
        catchKwargs: def.catchKwargs,
        usesCaller: def.usesCaller,
        isCaller,
        strict: this.env.strict,
      };
    } finally {
      this.soft = saved;
    }
  }
}
