import type { InferredType } from './value-types.js';

/**
 * The shape of JSON values as DuckDB's `json_structure` describes them,
 * parsed and merged. The SQL fast path plans its columns from the shapes of
 * all records; shapes it cannot map exactly onto the JavaScript flattening
 * rules make it fall back to the JavaScript path (`UnsupportedShape`).
 */
export type Shape =
  | { kind: 'null' }
  /** `{}` (json_structure reports it as "JSON"). */
  | { kind: 'empty' }
  | { kind: 'scalar'; types: Set<ScalarType> }
  | { kind: 'object'; fields: Map<string, Shape> }
  /** `element` undefined: the arrays held only nulls or nothing. */
  | { kind: 'array'; element: Shape | undefined };

/** Scalar types of JSON values, as the loader infers them. */
export type ScalarType = Exclude<InferredType, 'json' | 'timestamptz'>;

/** Thrown while planning when a shape has no exact SQL equivalent; the caller falls back. */
export class UnsupportedShape extends Error {}

const SCALARS: Record<string, ScalarType> = {
  VARCHAR: 'text',
  BIGINT: 'bigint',
  UBIGINT: 'bigint',
  DOUBLE: 'double',
  BOOLEAN: 'boolean',
};

/** Parses one `json_structure` result (a JSON text). */
export function parseStructure(text: string): Shape {
  return toShape(JSON.parse(text) as unknown, false);
}

function toShape(value: unknown, inArray: boolean): Shape {
  if (typeof value === 'string') {
    if (value === 'NULL') return { kind: 'null' };
    if (value === 'JSON') {
      // Outside arrays "JSON" can only be an empty object; inside, it may also be mixed element types.
      if (inArray) throw new UnsupportedShape('an array mixes value types or holds empty objects');
      return { kind: 'empty' };
    }
    const scalar = SCALARS[value];
    if (scalar === undefined) throw new UnsupportedShape(`values of type ${value}`);
    return { kind: 'scalar', types: new Set([scalar]) };
  }
  if (Array.isArray(value)) {
    const element = toShape(value[0], true);
    if (element.kind === 'array') throw new UnsupportedShape('arrays nested directly in arrays');
    return { kind: 'array', element: element.kind === 'null' ? undefined : element };
  }
  if (typeof value === 'object' && value !== null) {
    const fields = new Map<string, Shape>();
    const lower = new Set<string>();
    for (const [k, v] of Object.entries(value)) {
      // DuckDB matches struct fields case-insensitively.
      if (lower.has(k.toLowerCase())) throw new UnsupportedShape(`keys differing only in case (${k})`);
      lower.add(k.toLowerCase());
      fields.set(k, toShape(v, inArray));
    }
    return { kind: 'object', fields };
  }
  throw new UnsupportedShape(`unexpected structure ${String(value)}`);
}

/** The union of two shapes (field order: first seen). Objects versus scalars or arrays are unsupported. */
export function mergeShapes(a: Shape | undefined, b: Shape | undefined): Shape | undefined {
  if (a === undefined || a.kind === 'null') return b;
  if (b === undefined || b.kind === 'null') return a;
  if (a.kind === 'empty' && (b.kind === 'empty' || b.kind === 'object')) return b;
  if (b.kind === 'empty' && a.kind === 'object') return a;
  if (a.kind === 'scalar' && b.kind === 'scalar') return { kind: 'scalar', types: new Set([...a.types, ...b.types]) };
  if (a.kind === 'array' && b.kind === 'array') return { kind: 'array', element: mergeShapes(a.element, b.element) };
  if (a.kind === 'object' && b.kind === 'object') {
    const fields = new Map(a.fields);
    for (const [k, v] of b.fields) fields.set(k, mergeShapes(fields.get(k), v) ?? { kind: 'null' });
    return { kind: 'object', fields };
  }
  throw new UnsupportedShape(`a field is ${a.kind} in some records and ${b.kind} in others`);
}
