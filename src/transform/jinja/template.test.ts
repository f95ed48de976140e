import { describe, expect, it } from 'vitest';
import { TemplateError } from '../../core/errors.js';
import { Environment } from './environment.js';

describe('templates', () => {
  const env = new Environment();

  it('exposes dbt test and materialization blocks as macros', () => {
    const t = env.fromString(
      "{% test not_null(model, column_name) %}select * from {{ model }} where {{ column_name }} is null{% endtest %}\n" +
        "{% materialization table, adapter='duckdb' %}mat{% endmaterialization %}\n" +
        '{% materialization view, default %}v{% endmaterialization %}',
      'macros/t.sql',
    );
    expect(t.macroNames).toEqual(['test_not_null', 'materialization_table_duckdb', 'materialization_view_default']);
    expect(t.macro('test_not_null', {})('orders', 'id')).toBe('select * from orders where id is null');
    expect(t.render()).toBe('\n\n');
  });

  it('exposes snapshot blocks with their source and a renderer', () => {
    const t = env.fromString(
      "{% macro m() %}M{% endmacro %}\n{% snapshot orders_snap %}\n{{ config(strategy='check') }}\nselect {{ m() }} from {{ src }}\n{% endsnapshot %}",
      'snapshots/s.sql',
    );
    expect(t.snapshots).toHaveLength(1);
    const s = t.snapshots[0]!;
    expect(s.name).toBe('orders_snap');
    expect(s.line).toBe(2);
    expect(s.source).toBe("\n{{ config(strategy='check') }}\nselect {{ m() }} from {{ src }}\n");
    expect(s.render({ config: () => '', src: 'raw.orders' })).toBe('\n\nselect M from raw.orders\n');
  });

  it('exposes docs blocks as raw text', () => {
    const t = env.fromString('{% docs orders %}\n# Orders {{ not rendered }}\n{% enddocs %}\n{% docs x %}{% enddocs %}', 'models/docs.md');
    expect(t.docs.map((d) => [d.name, d.text, d.line])).toEqual([
      ['orders', '\n# Orders {{ not rendered }}\n', 1],
      ['x', '', 4],
    ]);
  });

  it('reports syntax errors with file, line and column', () => {
    try {
      env.fromString('select 1\n{% if x %}\n  {{ 1 + }}\n{% endif %}', 'models/bad.sql');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(TemplateError);
      const te = e as TemplateError;
      expect(te.code).toBe('TEMPLATE_SYNTAX');
      expect(te.location).toMatchObject({ file: 'models/bad.sql', line: 3 });
    }
  });

  it('reports runtime errors with the line of the expression', () => {
    try {
      env.fromString('a\n\n{{ x.y }}', 'm.sql').render({});
      expect.unreachable();
    } catch (e) {
      const te = e as TemplateError;
      expect(te.code).toBe('TEMPLATE_RUNTIME');
      expect(te.location).toMatchObject({ file: 'm.sql', line: 3 });
      expect(te.detail).toBe("'x' is undefined");
    }
  });

  it('reports errors inside macros at the macro line of the macro file', () => {
    const macros = env.fromString('{% macro m() %}\n{{ 1 / 0 }}\n{% endmacro %}', 'macros/m.sql');
    const ctx: Record<string, unknown> = {};
    ctx.m = macros.macro('m', ctx);
    expect(() => env.fromString('{{ m() }}', 'models/x.sql').render(ctx)).toThrow(/^macros\/m\.sql:2:\d+: division by zero$/);
  });

  it('supports StrictUndefined', () => {
    const strict = new Environment({ undefined: 'strict' });
    expect(() => strict.renderString('{{ nope }}')).toThrow(/'nope' is undefined/);
    expect(() => strict.renderString('{% if nope %}{% endif %}')).toThrow(TemplateError);
    expect(strict.renderString("{{ nope is defined }} {{ nope|default('d') }}")).toBe('False d');
  });

  it('caches compiled templates per name and source', () => {
    const a = env.fromString('{{ 1 }}', 'cache.sql');
    expect(env.fromString('{{ 1 }}', 'cache.sql')).toBe(a);
    expect(env.fromString('{{ 2 }}', 'cache.sql')).not.toBe(a);
  });

  it('keeps the trailing newline when asked', () => {
    expect(new Environment({ keepTrailingNewline: true }).renderString('a\n')).toBe('a\n');
    expect(env.renderString('a\n')).toBe('a');
  });

  it('accepts host filters and tests', () => {
    const e = new Environment({ filters: { shout: (v: unknown) => `${String(v)}!` }, tests: { short: (v: unknown) => String(v).length < 3 } });
    expect(e.renderString("{{ 'hi'|shout }} {{ 'hi' is short }}")).toBe('hi! True');
  });

  it('compiles standalone expressions', () => {
    const fn = env.compileExpression("ref('a') ~ '_' ~ n * 2");
    expect(fn({ ref: (x: string) => x.toUpperCase(), n: 3 })).toBe('A_6');
  });

  it('rejects unsupported tags clearly', () => {
    expect(() => env.fromString("{% include 'x.sql' %}")).toThrow(/not supported/);
  });
});
