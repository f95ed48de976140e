/**
 * Reads the `constraints:` of a model or of one of its columns from a
 * property file, as dbt does: `type` (check, not_null, unique, primary_key,
 * foreign_key, custom), optional `name`, `expression`, `columns` (model
 * level), `to: ref('m')` / `source('s', 't')` with `to_columns` (foreign
 * keys), `warn_unenforced` and `warn_unsupported`. A missing field a type
 * needs is an error naming it.
 */
import { ConfigError } from '../../core/errors.js';
import { formatKeyPath, isPlainObject, zodIssuesToConfigError, type KeyPath, type YamlFile } from '../../config/index.js';
import { constraintSchema } from './property-schema.js';
import type { ConstraintSpec, RefCall } from './types.js';

/** Where the constraints are read from, for messages. */
export interface ConstraintReadContext {
  yaml: YamlFile;
  warn: (message: string, keyPath: KeyPath) => void;
}

const Q1 = String.raw`\s*(['"])([^'"]+)\1\s*`;
const Q2 = String.raw`\s*(['"])([^'"]+)\3\s*`;
const REF_ONE = new RegExp(String.raw`^\s*ref\(${Q1}\)\s*$`);
const REF_TWO = new RegExp(String.raw`^\s*ref\(${Q1},${Q2}\)\s*$`);
const SOURCE = new RegExp(String.raw`^\s*source\(${Q1},${Q2}\)\s*$`);

/** Parses a foreign key's `to`: `ref('m')`, `ref('package', 'm')` or `source('s', 't')`; undefined otherwise. */
export function parseConstraintTo(to: string): { ref: RefCall } | { source: [string, string] } | undefined {
  const one = REF_ONE.exec(to);
  if (one) return { ref: { name: one[2]! } };
  const two = REF_TWO.exec(to);
  if (two) return { ref: { package: two[2]!, name: two[4]! } };
  const source = SOURCE.exec(to);
  if (source) return { source: [source[2]!, source[4]!] };
  return undefined;
}

function fail(message: string, ctx: ConstraintReadContext, keyPath: KeyPath): never {
  throw new ConfigError(message, { location: ctx.yaml.locationOf(keyPath), key: formatKeyPath(keyPath) });
}

/** The constraints of a column (`level: 'column'`) or a model, validated. */
export function readConstraints(raw: unknown[] | null | undefined, level: 'column' | 'model', ctx: ConstraintReadContext, keyPath: KeyPath): ConstraintSpec[] {
  return (raw ?? []).map((value, i) => {
    const path = [...keyPath, 'constraints', i];
    if (!isPlainObject(value)) fail('expected a mapping with a `type`', ctx, path);
    const parsed = constraintSchema.safeParse(value);
    if (!parsed.success) throw zodIssuesToConfigError(parsed.error.issues, { yaml: ctx.yaml, input: value, schema: constraintSchema, basePath: path });
    const c = parsed.data;
    const spec: ConstraintSpec = {
      type: c.type,
      name: c.name ?? undefined,
      expression: c.expression === undefined || c.expression === null ? undefined : String(c.expression),
      columns: c.columns ?? [],
      toColumns: c.to_columns ?? [],
      warnUnenforced: c.warn_unenforced ?? true,
      warnUnsupported: c.warn_unsupported ?? true,
    };
    if (c.type === 'check' && !spec.expression) fail('a check constraint needs an `expression`', ctx, [...path, 'expression']);
    if (c.type === 'foreign_key') {
      if (c.to) {
        spec.to = parseConstraintTo(c.to);
        if (!spec.to) fail(`a foreign key's \`to\` must be ref('model') or source('source', 'table'), not "${c.to}"`, ctx, [...path, 'to']);
        if (spec.toColumns.length === 0) fail('a foreign key with `to` needs `to_columns`', ctx, [...path, 'to_columns']);
      } else if (!spec.expression) {
        fail("a foreign key needs `to: ref('model')` with `to_columns`, or an `expression` (`schema.table (column)`)", ctx, path);
      }
    }
    if (level === 'model' && (c.type === 'unique' || c.type === 'primary_key' || c.type === 'foreign_key') && spec.columns.length === 0) {
      fail(`a model-level ${c.type} constraint needs \`columns\``, ctx, [...path, 'columns']);
    }
    if (level === 'model' && c.type === 'not_null') ctx.warn('not_null is a column constraint: declare it under the column; this one is ignored', [...path, 'type']);
    if (c.type === 'custom' && spec.warnUnsupported) {
      ctx.warn("custom constraints are not created by Basin and are ignored; set 'warn_unsupported: false' on it to silence this", [...path, 'type']);
    }
    return spec;
  });
}

/** dbt's checks across a model's constraints: one primary key, declared at one level. */
export function checkPrimaryKeys(columns: ReadonlyArray<{ name: string; constraints?: ConstraintSpec[] | undefined }>, model: readonly ConstraintSpec[], ctx: ConstraintReadContext, keyPath: KeyPath): void {
  const pkColumns = columns.filter((c) => c.constraints?.some((k) => k.type === 'primary_key')).map((c) => c.name);
  if (pkColumns.length > 1) {
    ctx.warn(`found ${pkColumns.length} columns (${pkColumns.join(', ')}) with primary key constraints; a primary key over several columns is a model-level constraint`, keyPath);
  }
  if (pkColumns.length > 0 && model.some((k) => k.type === 'primary_key')) {
    ctx.warn('primary key constraints are declared at the model level and on columns; declare the primary key at one level only', keyPath);
  }
}
