import { BasinError } from '../../core/errors.js';
import { defaultMethodFor, parseSelectionCriteria, type ParseSelectionOptions } from './parse-selection.js';
import { defaultSelectorMethods, validateSelectorMethod } from './selector-methods.js';
import { INDIRECT_SELECTION_MODES, type IndirectSelection, type SelectionCriteria, type SelectionSpec } from './selection-spec.js';

/** One entry of `selectors.yml` (`selectors:` list), as parsed YAML. */
export interface SelectorDefinitionEntry {
  name: string;
  description?: string | undefined;
  definition: unknown;
  default?: boolean | undefined;
}

/** A named selector ready to evaluate. */
export interface NamedSelector {
  name: string;
  spec: SelectionSpec;
  /** dbt's `default: true`: used when a command gets no --select/--exclude. */
  isDefault: boolean;
}

function invalid(message: string): BasinError {
  return new BasinError('SELECTION', message);
}

const show = (v: unknown): string => JSON.stringify(v) ?? String(v);

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Parses the YAML selectors of a `selectors.yml` in order, as dbt does:
 * later selectors may reference earlier ones with `method: selector`.
 * Methods are checked against the default method table unless
 * `validateMethod` is given. Throws BasinError SELECTION naming the selector.
 */
export function parseSelectorsFile(
  entries: readonly SelectorDefinitionEntry[],
  options: ParseSelectionOptions = {},
): Map<string, NamedSelector> {
  const validateMethod =
    options.validateMethod ?? ((m: string, a: readonly string[], r: string) => validateSelectorMethod(defaultSelectorMethods, m, a, r));
  options = { ...options, validateMethod };
  const out = new Map<string, NamedSelector>();
  for (const entry of entries) {
    try {
      const spec = parseSelectorDefinition(entry.definition, { ...options, selectors: out, rootLevel: true });
      out.set(entry.name, { name: entry.name, spec, isDefault: entry.default === true });
    } catch (err) {
      if (err instanceof BasinError) throw invalid(`selector "${entry.name}": ${err.message}`);
      throw err;
    }
  }
  const defaults = [...out.values()].filter((s) => s.isDefault);
  if (defaults.length > 1) throw invalid(`only one selector may set default: true; found ${defaults.map((d) => d.name).join(', ')}`);
  return out;
}

/**
 * Parses one YAML selector definition: a selector string, `{ method: value }`,
 * `{ method, value, parents, children, parents_depth, children_depth,
 * childrens_parents, indirect_selection, exclude }`, `{ union: [...] }` or
 * `{ intersection: [...] }` (each list may hold one `{ exclude: [...] }`).
 */
export function parseSelectorDefinition(
  definition: unknown,
  options: ParseSelectionOptions & { selectors?: ReadonlyMap<string, NamedSelector>; rootLevel?: boolean } = {},
): SelectionSpec {
  const inner = { ...options, rootLevel: false };
  if (typeof definition === 'string') return parseSelectionCriteria(definition, options);
  if (!isRecord(definition)) {
    throw invalid(`expected union, intersection, a string or a mapping, found ${show(definition)}`);
  }
  const setKey = 'union' in definition ? 'union' : 'intersection' in definition ? 'intersection' : undefined;
  if (setKey) {
    if (options.rootLevel && Object.keys(definition).length > 1) {
      throw invalid(`only a single 'union' or 'intersection' key is allowed in a root level selector definition; found ${Object.keys(definition).join(',')}`);
    }
    const { include, exclude } = parseIncludeExclude(listOf(definition, setKey), inner);
    const group: SelectionSpec = { type: setKey, components: include, raw: show(definition), expectExists: false, indirectSelection: 'eager' };
    return exclude ? difference(group, exclude, definition) : group;
  }
  return parseCriteriaMapping(definition, inner);
}

function parseCriteriaMapping(
  definition: Record<string, unknown>,
  options: ParseSelectionOptions & { selectors?: ReadonlyMap<string, NamedSelector> },
): SelectionSpec {
  const keys = Object.keys(definition);
  let fields: Record<string, unknown>;
  let exclude: SelectionSpec | undefined;
  if (keys.length === 1) {
    fields = { method: keys[0], value: definition[keys[0]!] };
  } else if (definition['method'] === 'selector') {
    const name = String(definition['value']);
    const found = options.selectors?.get(name);
    if (!found) throw invalid(`existing selector definition for ${name} not found`);
    return found.spec;
  } else if ('method' in definition && 'value' in definition) {
    fields = { ...definition };
    if ('exclude' in definition) {
      exclude = parseExclusions(definition, options);
      delete fields['exclude'];
    }
  } else {
    throw invalid(`expected either 1 key or else "method" and "value" keys, but got ${keys.join(', ')}`);
  }
  if (fields['method'] === 'selector') {
    const found = options.selectors?.get(String(fields['value']));
    if (!found) throw invalid(`existing selector definition for ${String(fields['value'])} not found`);
    return exclude ? difference(found.spec, exclude, definition) : found.spec;
  }
  const base = criteriaFromFields(fields, definition, options);
  return exclude ? difference(base, exclude, definition) : base;
}

function criteriaFromFields(
  fields: Record<string, unknown>,
  raw: unknown,
  options: ParseSelectionOptions,
): SelectionCriteria {
  const value = fields['value'];
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
    throw invalid(`selector value must be a string, found ${show(value)} in ${show(raw)}`);
  }
  const text = String(value);
  const methodText = typeof fields['method'] === 'string' ? fields['method'] : defaultMethodFor(text);
  const [method = '', ...methodArguments] = methodText.split('.');
  options.validateMethod?.(method, methodArguments, show(raw));
  const indirect = fields['indirect_selection'];
  if (indirect !== undefined && !INDIRECT_SELECTION_MODES.includes(indirect as IndirectSelection)) {
    throw invalid(`indirect_selection must be one of ${INDIRECT_SELECTION_MODES.join(', ')}, found ${show(indirect)}`);
  }
  const criteria: SelectionCriteria = {
    type: 'criteria',
    method,
    methodArguments,
    raw: show(raw),
    value: text,
    childrensParents: fields['childrens_parents'] === true,
    parents: fields['parents'] === true,
    parentsDepth: depthOf(fields['parents_depth']),
    children: fields['children'] === true,
    childrenDepth: depthOf(fields['children_depth']),
    indirectSelection: (indirect as IndirectSelection | undefined) ?? options.indirectSelection ?? 'eager',
  };
  if (criteria.childrensParents && criteria.children) {
    throw invalid(`invalid selector ${show(raw)}: childrens_parents ("@") and children ("+" suffix) are incompatible`);
  }
  return criteria;
}

function depthOf(v: unknown): number | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw invalid(`invalid depth ${show(v)}`);
  return n;
}

function listOf(definition: Record<string, unknown>, key: string): unknown[] {
  const values = definition[key];
  if (!Array.isArray(values)) throw invalid(`invalid value for key "${key}": expected a list`);
  for (const v of values) {
    if (typeof v !== 'string' && !isRecord(v)) {
      throw invalid(`invalid value ${show(v)} in key "${key}": expected a mapping or a string`);
    }
  }
  return values;
}

function parseExclusions(definition: Record<string, unknown>, options: ParseSelectionOptions): SelectionSpec | undefined {
  const parts = listOf(definition, 'exclude').map((d) => parseSelectorDefinition(d, options));
  if (parts.length === 0) return undefined;
  if (parts.length === 1) return parts[0];
  return { type: 'union', components: parts, raw: show(definition['exclude']), expectExists: false, indirectSelection: 'eager' };
}

function parseIncludeExclude(
  definitions: unknown[],
  options: ParseSelectionOptions,
): { include: SelectionSpec[]; exclude: SelectionSpec | undefined } {
  const include: SelectionSpec[] = [];
  let exclude: SelectionSpec | undefined;
  let sawExclude = false;
  for (const d of definitions) {
    if (isRecord(d) && 'exclude' in d) {
      if (sawExclude) throw invalid(`you cannot provide multiple exclude arguments to the same selector set operator: ${show(d)}`);
      sawExclude = true;
      exclude = parseExclusions(d, options);
    } else {
      include.push(parseSelectorDefinition(d, options));
    }
  }
  return { include, exclude };
}

function difference(base: SelectionSpec, exclude: SelectionSpec, raw: unknown): SelectionSpec {
  return { type: 'difference', components: [base, exclude], raw: show(raw), expectExists: false, indirectSelection: 'eager' };
}
