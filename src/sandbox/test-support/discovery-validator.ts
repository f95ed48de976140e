/**
 * Test helper: validates what a Google fake serves against Google's own
 * discovery document (../shared/api-specs/google/<api>.json). Discovery
 * schemas become JSON Schema: int64/uint64 are JSON strings (proto3's JSON
 * mapping), `any` is anything, and an object with declared properties admits
 * no others, so a misspelt or invented field fails the test.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject } from 'ajv';

type Json = Record<string, unknown>;

function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let k = 0; k < 10 && !existsSync(join(dir, 'package.json')); k++) dir = dirname(dir);
  return dir;
}

/** Path of a discovery document in the shared API specs (`sheets.v4`, `firestore.v1`, `logging.v2`). */
export function discoveryPath(api: string): string {
  return join(repoRoot(), '..', 'shared', 'api-specs', 'google', `${api}.json`);
}

function translate(schema: Json): Json {
  if (typeof schema['$ref'] === 'string') return { $ref: `#/definitions/${schema['$ref']}` };
  const type = schema['type'];
  const format = schema['format'];
  if (type === 'any' || type === undefined) return {};
  if (type === 'string' || (type === 'integer' && (format === 'int64' || format === 'uint64'))) {
    if (type === 'integer') return { type: 'string', pattern: '^-?[0-9]+$' };
    return Array.isArray(schema['enum']) ? { type: 'string', enum: schema['enum'] } : { type: 'string' };
  }
  if (type === 'integer') return { type: 'integer' };
  if (type === 'number') return { anyOf: [{ type: 'number' }, { type: 'string', enum: ['NaN', 'Infinity', '-Infinity'] }] };
  if (type === 'boolean') return { type: 'boolean' };
  if (type === 'array') return { type: 'array', items: schema['items'] ? translate(schema['items'] as Json) : {} };
  if (type === 'object') {
    const out: Json = { type: 'object' };
    const properties = schema['properties'] as Record<string, Json> | undefined;
    if (properties) {
      out['properties'] = Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, translate(v)]));
      out['additionalProperties'] = schema['additionalProperties'] ? translate(schema['additionalProperties'] as Json) : false;
    } else if (schema['additionalProperties']) {
      out['additionalProperties'] = translate(schema['additionalProperties'] as Json);
    }
    return out;
  }
  throw new Error(`discovery type not understood: ${String(type)}`);
}

/** Validates JSON values against one discovery document's schemas. */
export interface DiscoveryValidator {
  /** Errors of `value` against schema `name` (e.g. `ValueRange`), as readable lines; empty when valid. */
  errors(name: string, value: unknown): string[];
}

function describe(e: ErrorObject): string {
  const extra = e.keyword === 'additionalProperties' ? ` (${String((e.params as { additionalProperty: string }).additionalProperty)})` : '';
  return `${e.instancePath || '/'} ${e.message ?? e.keyword}${extra}`;
}

/** Loads `api`'s discovery document (`sheets.v4`) and builds a validator. */
export function loadDiscoveryValidator(api: string): DiscoveryValidator {
  const doc = JSON.parse(readFileSync(discoveryPath(api), 'utf8')) as { schemas: Record<string, Json> };
  const definitions = Object.fromEntries(Object.entries(doc.schemas).map(([k, v]) => [k, translate(v)]));
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addSchema({ $id: api, definitions });
  return {
    errors(name, value) {
      if (!(name in definitions)) throw new Error(`${api} has no schema ${name}`);
      const validate = ajv.getSchema(`${api}#/definitions/${name}`);
      if (!validate) throw new Error(`${api}: cannot compile ${name}`);
      return validate(value) ? [] : (validate.errors ?? []).map(describe);
    },
  };
}
