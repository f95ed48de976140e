import { Environment, Kwargs } from '../jinja/index.js';
import type { ParsedTemplate } from './template-port.js';

/**
 * The one Jinja environment of the transform engine: Jinja2's defaults as dbt
 * configures them (autoescape off, `do` and loop controls on, lenient
 * undefined). Templates are cached by file name and source.
 */
const environment = new Environment();

/** Parses a file's template. Syntax errors are TemplateErrors naming `file` and the line. */
export function parseTemplate(source: string, file: string): ParsedTemplate {
  const template = environment.fromString(source, file);
  return {
    render: (context) => template.render(context),
    macroNames: () => [...template.macroNames],
    macro: (name, globals) => template.macro(name, globals),
    snapshots: () => template.snapshots.map((s) => ({ name: s.name, line: s.line, render: (ctx: object) => s.render(ctx) })),
    docs: () => template.docs.map((d) => ({ name: d.name, text: d.text })),
  };
}

const expressions = new Map<string, (context: object) => unknown>();

/** Evaluates a Jinja expression (e.g. a generic test's `ref('customers')` argument) in a context. */
export function evaluateExpression(expression: string, context: object, file: string): unknown {
  const key = `${file}\u0000${expression}`;
  let fn = expressions.get(key);
  if (!fn) {
    fn = environment.compileExpression(expression, file);
    expressions.set(key, fn);
  }
  return fn(context);
}

/** Keyword arguments for calling a template macro from host code. */
export function kwargsValue(values: Record<string, unknown>): Kwargs {
  return Kwargs.of(values);
}
