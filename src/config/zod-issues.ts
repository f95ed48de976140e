/**
 * Turns zod validation issues into ConfigErrors that name the file, the line
 * of the offending key, its dotted path and what is allowed there.
 */
import type { z } from 'zod';
import { ConfigError, formatLocation } from '../core/errors.js';
import { formatKeyPath, isPlainObject, type KeyPath, type YamlFile } from './yaml-file.js';

type Issue = z.core.$ZodIssue;

interface SchemaDef {
  type: string;
  shape?: Record<string, unknown>;
  innerType?: unknown;
  in?: unknown;
  out?: unknown;
  options?: unknown[];
  discriminator?: string;
  element?: unknown;
  valueType?: unknown;
}

function defOf(schema: unknown): SchemaDef | undefined {
  return (schema as { _zod?: { def?: SchemaDef } } | undefined)?._zod?.def;
}

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'catch', 'readonly', 'nonoptional']);

/** Unwraps optional/default/pipe wrappers down to the structural schema. */
function unwrap(schema: unknown): unknown {
  let current = schema;
  for (let i = 0; i < 20; i++) {
    const def = defOf(current);
    if (!def) return current;
    if (WRAPPERS.has(def.type)) current = def.innerType;
    else if (def.type === 'pipe') current = defOf(def.out)?.type === 'transform' ? def.in : def.out;
    else return current;
  }
  return current;
}

/** Picks the option of a (discriminated) union that matches `input`, when one does. */
function pickOption(def: SchemaDef, input: unknown): unknown {
  const options = def.options ?? [];
  if (def.discriminator && isPlainObject(input)) {
    const wanted = input[def.discriminator];
    for (const option of options) {
      const shape = defOf(unwrap(option))?.shape;
      const lit = shape ? defOf(shape[def.discriminator]) : undefined;
      const values = (lit as { values?: unknown[] } | undefined)?.values;
      if (values?.includes(wanted)) return option;
    }
  }
  return options.find((o) => defOf(unwrap(o))?.type === 'object');
}

/** The object keys the schema allows at `path` of `input`, when it is an object schema. */
export function allowedKeysAt(schema: unknown, path: KeyPath, input: unknown): string[] | undefined {
  let current = unwrap(schema);
  let value = input;
  for (const segment of [...path, null]) {
    let def = defOf(current);
    if (def?.type === 'union') {
      current = unwrap(pickOption(def, value));
      def = defOf(current);
    }
    if (segment === null) return def?.type === 'object' && def.shape ? Object.keys(def.shape) : undefined;
    if (def?.type === 'object' && def.shape && typeof segment === 'string') current = unwrap(def.shape[segment]);
    else if (def?.type === 'array') current = unwrap(def.element);
    else if (def?.type === 'record') current = unwrap(def.valueType);
    else return undefined;
    value = isPlainObject(value) || Array.isArray(value) ? (value as Record<string, unknown>)[segment] : undefined;
  }
  return undefined;
}

/** A short description of a value's type; never the value itself (it may be a secret). */
export function describeType(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (isPlainObject(value)) return 'a mapping';
  if (typeof value === 'number') return Number.isInteger(value) ? 'an integer' : 'a number';
  if (typeof value === 'boolean') return 'a boolean';
  return `a ${typeof value}`;
}

function valueAt(input: unknown, path: KeyPath): unknown {
  let value = input;
  for (const segment of path) {
    if (!isPlainObject(value) && !Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

function listOf(values: readonly unknown[]): string {
  return values.map((v) => String(v)).join(', ');
}

interface Explained {
  path: KeyPath;
  message: string;
}

function explain(issue: Issue, input: unknown, schema: unknown): Explained[] {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  const actual = valueAt(input, path);
  switch (issue.code) {
    case 'unrecognized_keys': {
      const allowed = allowedKeysAt(schema, path, input);
      return issue.keys.map((key) => ({
        path: [...path, key],
        message: `unknown key "${key}"${allowed ? `; allowed keys: ${allowed.join(', ')}` : ''}`,
      }));
    }
    case 'invalid_type':
      if (actual === undefined) return [{ path, message: `is required (expected ${issue.expected})` }];
      return [{ path, message: `expected ${issue.expected}, got ${describeType(actual)}` }];
    case 'invalid_union': {
      const options = (issue as { options?: unknown[] }).options;
      if (options && options.length > 0) {
        const what = actual === undefined ? 'is required: ' : '';
        return [{ path, message: `${what}expected one of ${listOf(options)}` }];
      }
      return [{ path, message: `expected ${issue.message.replace(/^Invalid input:?\s*/i, '') || 'a different value'}, got ${describeType(actual)}` }];
    }
    case 'invalid_value':
      return [{ path, message: `expected one of ${listOf(issue.values)}` }];
    case 'too_small':
      return [{ path, message: `must be at least ${String(issue.minimum)}${issue.origin === 'string' ? ' characters long' : ''}` }];
    case 'too_big':
      return [{ path, message: `must be at most ${String(issue.maximum)}` }];
    default:
      return [{ path, message: issue.message }];
  }
}

/**
 * Builds one ConfigError from zod issues. `basePath` prefixes issue paths when
 * only part of the file was validated. The first issue is the headline; the
 * others are listed after it.
 */
export function zodIssuesToConfigError(
  issues: readonly Issue[],
  options: { yaml: YamlFile; input: unknown; schema: unknown; basePath?: KeyPath; scrub?: (text: string) => string },
): ConfigError {
  const base = options.basePath ?? [];
  const scrub = options.scrub ?? ((t: string) => t);
  const explained = issues.flatMap((issue) => explain(issue, options.input, options.schema));
  const located = explained.map((e) => {
    const full = [...base, ...e.path];
    return { key: formatKeyPath(full), location: options.yaml.locationOf(full), message: scrub(e.message) };
  });
  const [first, ...rest] = located;
  if (!first) return new ConfigError('invalid configuration', { location: { file: options.yaml.file } });
  const more = rest.map((r) => `\n  also ${formatLocation(r.location)}: ${r.key ? `${r.key}: ` : ''}${r.message}`).join('');
  return new ConfigError(`${first.message}${more}`, { location: first.location, key: first.key || undefined });
}
