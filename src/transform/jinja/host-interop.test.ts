import { describe, expect, it } from 'vitest';
import { BasinError, ConfigError, TemplateError } from '../../core/errors.js';
import { Environment } from './environment.js';
import { Kwargs, MacroReturn, isMacro, returnValue, splitArgs } from './host-interop.js';
import { PyFloat } from './python-values.js';

describe('host interop', () => {
  const env = new Environment();

  it('passes keyword arguments to host functions as a trailing Kwargs', () => {
    const calls: unknown[] = [];
    const ctx = {
      config: (...args: unknown[]) => {
        calls.push(splitArgs(args));
        return '';
      },
    };
    env.fromString("{{ config('x', materialized='table', tags=['a']) }}{{ config() }}").render(ctx);
    expect(calls).toEqual([
      { positional: ['x'], kwargs: { materialized: 'table', tags: ['a'] } },
      { positional: [], kwargs: {} },
    ]);
  });

  it('calls methods of host objects with the right this', () => {
    class Adapter {
      constructor(private readonly q: string) {}
      quote(x: string): string {
        return `${this.q}${x}${this.q}`;
      }
    }
    const config = Object.assign(() => '', { get: (k: string, d?: unknown) => (k === 'a' ? 1 : d) });
    const ctx = { adapter: new Adapter('"'), config, this: { schema: 's', toString: () => 's.t' } };
    expect(env.fromString("{{ adapter.quote('c') }} {{ config.get('a') }} {{ config.get('b', 'd') }} {{ this.schema }} {{ this }}").render(ctx)).toBe(
      '"c" 1 d s s.t',
    );
  });

  it('resolves names through the prototype chain of the context', () => {
    const shared = { ref: (n: string) => `main.${n}` };
    const node = Object.create(shared) as Record<string, unknown>;
    node.model_name = 'orders';
    expect(env.fromString("{{ ref(model_name) }} {{ toString is defined }}").render(node)).toBe('main.orders False');
  });

  it('treats JS undefined results as None and missing properties as Undefined', () => {
    const ctx = { f: () => undefined, o: { a: undefined } };
    expect(env.fromString('{{ f() }}|{{ o.a }}|{{ o.b }}|{{ o.b is defined }}').render(ctx)).toBe('None|None||False');
  });

  it('binds a project macro to a per-node context, with return() and kwargs', () => {
    const macros = env.fromString(
      [
        "{% macro cents(col, scale=2) %}({{ col }} / 100)::numeric(16, {{ scale }}){% endmacro %}",
        "{% macro cols_of(rel) %}{{ return([rel ~ '.id', this_node ~ '.x']) }}{% endmacro %}",
        "{% macro helper() %}{% do return({'k': cents('v', scale=4)}) %}{% endmacro %}",
      ].join('\n'),
      'macros/util.sql',
    );
    const shared = { return: returnValue };
    const node = Object.create(shared) as Record<string, unknown>;
    node.this_node = 'orders';
    node.cents = macros.macro('cents', node);
    node.cols_of = macros.macro('cols_of', node);
    node.helper = macros.macro('helper', node);
    const out = env.fromString("{{ cents('amt') }}|{{ cols_of('r')|join(',') }}|{{ helper().k }}").render(node);
    expect(out).toBe('(amt / 100)::numeric(16, 2)|r.id,orders.x|(v / 100)::numeric(16, 4)');
    // Callable from JS too, with the same convention.
    const cents = node.cents as (...a: unknown[]) => unknown;
    expect(isMacro(cents)).toBe(true);
    expect(cents('x', Kwargs.of({ scale: 1 }))).toBe('(x / 100)::numeric(16, 1)');
    expect((node.cols_of as (...a: unknown[]) => unknown)('t')).toEqual(['t.id', 'orders.x']);
  });

  it('hands caller to host functions in call blocks (dbt statement)', () => {
    const statements: Array<{ name: unknown; sql: unknown; fetch: unknown }> = [];
    const ctx = {
      statement: (...args: unknown[]) => {
        const { positional, kwargs } = splitArgs(args);
        const caller = kwargs.caller as () => string;
        statements.push({ name: positional[0], sql: caller(), fetch: kwargs.fetch_result });
        return '';
      },
    };
    const out = env.fromString("{% call statement('main', fetch_result=True) %}select {{ 1 + 1 }}{% endcall %}done").render(ctx);
    expect(out).toBe('done');
    expect(statements).toEqual([{ name: 'main', sql: 'select 2', fetch: true }]);
  });

  it('reports return() outside a macro', () => {
    expect(() => env.fromString('{{ return(1) }}', 'm.sql').render({ return: returnValue })).toThrow(/outside of a macro/);
  });

  it('MacroReturn carries any value', () => {
    expect(new MacroReturn([1]).value).toEqual([1]);
  });

  it('adds the template location to host errors and keeps the cause', () => {
    const boom = new Error('no such model');
    const ctx = { ref: () => { throw boom; } };
    let err: unknown;
    try {
      env.fromString("select\n  {{ ref('x') }}", 'models/a.sql').render(ctx);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(TemplateError);
    const te = err as TemplateError;
    expect(te.location).toEqual({ file: 'models/a.sql', line: 2, column: 9 });
    expect(te.message).toBe('models/a.sql:2:9: no such model');
    expect(te.cause).toBe(boom);
  });

  it('lets located Basin errors through unchanged', () => {
    const located = new ConfigError('bad var', { location: { file: 'dbt_project.yml', line: 3 } });
    expect(() => env.fromString('{{ f() }}').render({ f: () => { throw located; } })).toThrow(located);
    const plain = new BasinError('COMPILE', 'not found');
    try {
      env.fromString('{{ f() }}', 'x.sql').render({ f: () => { throw plain; } });
    } catch (e) {
      expect((e as TemplateError).cause).toBe(plain);
      expect((e as TemplateError).message).toBe('x.sql:1:5: not found');
    }
  });

  it('keeps float boxes for integral floats and passes them to hosts', () => {
    let got: unknown;
    env.fromString('{{ f(4 / 2) }}').render({ f: (x: unknown) => { got = x; return ''; } });
    expect(got).toBeInstanceOf(PyFloat);
    expect(Number(got)).toBe(2);
  });
});
