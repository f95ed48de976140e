/**
 * Conformance: every snippet in conformance/cases.json must render exactly as
 * real Jinja2 3.1.6 renders it (conformance/expected.json, produced by
 * conformance/generate.py), or fail where Jinja2 fails.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TemplateError } from '../../core/errors.js';
import { Environment } from './environment.js';

interface Case {
  name: string;
  template: string;
  context: Record<string, unknown>;
}
type Expectation = { output: string } | { error: true; type: string; message: string };

const dir = new URL('./conformance/', import.meta.url);
const cases = JSON.parse(readFileSync(new URL('cases.json', dir), 'utf8')) as Case[];
const expected = (JSON.parse(readFileSync(new URL('expected.json', dir), 'utf8')) as { cases: Record<string, Expectation> }).cases;

/** Cases where Basin deliberately or knowingly differs from Jinja2, with the reason. */
const KNOWN_DIFFERENCES: Record<string, string> = {};

describe('Jinja2 conformance', () => {
  const env = new Environment();
  it('has at least 150 cases, all with expectations', () => {
    expect(cases.length).toBeGreaterThanOrEqual(150);
    for (const c of cases) expect(expected[c.name], c.name).toBeDefined();
  });

  for (const c of cases) {
    const exp = expected[c.name] as Expectation;
    const known = KNOWN_DIFFERENCES[c.name];
    (known ? it.skip : it)(c.name, () => {
      let actual: { output: string } | { error: unknown };
      try {
        actual = { output: env.fromString(c.template, `${c.name}.sql`).render(c.context) };
      } catch (e) {
        actual = { error: e };
      }
      if ('output' in exp) {
        if ('error' in actual) throw actual.error;
        expect(actual.output).toBe(exp.output);
      } else {
        expect('error' in actual ? actual.error : actual.output).toBeInstanceOf(TemplateError);
      }
    });
  }
});
