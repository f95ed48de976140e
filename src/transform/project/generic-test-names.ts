/**
 * dbt's names for generic tests (dbt-core `synthesize_generic_test_names` and
 * `SchemaGenericTestParser.create_test_node`), reproduced exactly:
 *
 * - full name: `<type>_<target>_<args>` where `<type>` is the test name
 *   (prefixed `source_` for source tests and `<namespace>_` for
 *   `ns.test`), `<target>` the model or `<source>_<table>`, and `<args>` every
 *   argument except `model`, sorted by argument name, flattened (dict values,
 *   list items), Python-`str()`ed, each non-`[0-9a-zA-Z_]` run replaced by
 *   `_`, joined by `__`. e.g. `accepted_values_orders_status__placed__shipped`.
 * - short name (alias and compiled path): the full name when shorter than 64
 *   characters, else the first 30 characters of `<type>_<target>` + `_` +
 *   md5(full name) (32 hex).
 * - unique id: `test.<package>.<full name>.<hash>` where hash is the last 10
 *   hex of md5(full name + Python repr of the test metadata with dict keys
 *   sorted and every leaf `str()`ed).
 */
import { md5Hex } from './hash.js';
import { pythonRepr, pythonStr } from './python-repr.js';

/** Both names dbt gives a generic test. */
export interface GenericTestNames {
  /** At most 63 characters: used for the alias and compiled file name. */
  shortName: string;
  /** Used for the node name, fqn and unique id. */
  fullName: string;
}

function sortedKeys(obj: Record<string, unknown>): string[] {
  return Object.keys(obj).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** dbt's `synthesize_generic_test_names(test_type, test_name, args)`. */
export function synthesizeGenericTestNames(
  testType: string,
  targetName: string,
  args: Record<string, unknown>,
): GenericTestNames {
  const flat: string[] = [];
  for (const key of sortedKeys(args)) {
    if (key === 'model') continue;
    const value = args[key];
    const parts =
      Array.isArray(value) ? value : value !== null && typeof value === 'object' ? Object.values(value) : [value];
    for (const part of parts) flat.push(pythonStr(part));
  }
  const unique = flat.map((arg) => arg.replace(/[^0-9a-zA-Z_]+/g, '_')).join('__');
  const identifier = `${testType}_${targetName}`;
  const fullName = `${identifier}_${unique}`;
  const shortName = fullName.length >= 64 ? `${identifier.slice(0, 30)}_${md5Hex(fullName)}` : fullName;
  return { shortName, fullName };
}

/** The test metadata dbt hashes into a generic test's unique id. */
export interface HashableTestMetadata {
  name: string;
  namespace?: string | undefined;
  /** All kwargs including `model` and `column_name`. */
  kwargs: Record<string, unknown>;
}

function hashable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(hashable);
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    const obj = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const key of sortedKeys(obj)) out[key] = hashable(obj[key]);
    return out;
  }
  return pythonStr(value);
}

/** The 10-hex suffix of a generic test's unique id. */
export function genericTestHash(name: string, metadata: HashableTestMetadata): string {
  const md = { namespace: metadata.namespace ?? null, name: metadata.name, kwargs: metadata.kwargs };
  return md5Hex(name + pythonRepr(hashable(md))).slice(-10);
}

/** `test.<package>.<name>.<hash>`. */
export function genericTestUniqueId(packageName: string, name: string, metadata: HashableTestMetadata): string {
  return `test.${packageName}.${name}.${genericTestHash(name, metadata)}`;
}

/** The `model` kwarg dbt stores: `{{ get_where_subquery(ref('x')) }}` or `...source('s', 't')...`. */
export function modelKwarg(target: { kind: 'ref'; name: string; version?: string | undefined } | { kind: 'source'; source: string; table: string }): string {
  const call =
    target.kind === 'source'
      ? `source('${target.source}', '${target.table}')`
      : target.version !== undefined
        ? `ref('${target.name}', v='${target.version}')`
        : `ref('${target.name}')`;
  return `{{ get_where_subquery(${call}) }}`;
}
