import { BasinError } from '../../core/errors.js';
import type { IndirectSelection, SelectionCriteria, SelectionGroup, SelectionSpec } from './selection-spec.js';

/** dbt's RAW_SELECTOR_PATTERN. */
const RAW_SELECTOR_PATTERN =
  /^(?<childrensParents>@)?(?<parents>(?<parentsDepth>\d*)\+)?(?:(?<method>[\w.]+):)?(?<value>.*?)(?<children>\+(?<childrenDepth>\d*))?$/s;

/** Options of the selection parsers. */
export interface ParseSelectionOptions {
  /** Default `eager`. */
  indirectSelection?: IndirectSelection | undefined;
  /**
   * Checks a method name and its arguments, throwing a SELECTION error for
   * unknown or unsupported ones. Defaults to accepting everything.
   */
  validateMethod?: ((method: string, args: readonly string[], raw: string) => void) | undefined;
}

/** The method used for a value written without `method:`, as dbt chooses it. */
export function defaultMethodFor(value: string): string {
  if (value.includes('/') || value.includes('\\')) return 'path';
  const lower = value.toLowerCase();
  if (lower.endsWith('.sql') || lower.endsWith('.py') || lower.endsWith('.csv')) return 'file';
  return 'fqn';
}

/** Parses one selector such as `+model_name`, `tag:nightly+2` or `@source:stripe`. */
export function parseSelectionCriteria(raw: string, options: ParseSelectionOptions = {}): SelectionCriteria {
  const m = RAW_SELECTOR_PATTERN.exec(raw);
  const g = m?.groups;
  if (!g) throw new BasinError('SELECTION', `Invalid selector spec "${raw}"`);
  const value = g['value'] ?? '';
  let method: string;
  let methodArguments: string[];
  if (g['method'] === undefined) {
    method = defaultMethodFor(value);
    methodArguments = [];
  } else {
    const parts = g['method'].split('.');
    method = parts[0]!;
    methodArguments = parts.slice(1);
  }
  options.validateMethod?.(method, methodArguments, raw);
  const childrensParents = g['childrensParents'] !== undefined;
  const children = g['children'] !== undefined;
  if (childrensParents && children) {
    throw new BasinError('SELECTION', `Invalid selector spec "${raw}": the "@" prefix and "+" suffix are incompatible`);
  }
  return {
    type: 'criteria',
    raw,
    method,
    methodArguments,
    value,
    childrensParents,
    parents: g['parents'] !== undefined,
    parentsDepth: depth(g['parentsDepth']),
    children,
    childrenDepth: depth(g['childrenDepth']),
    indirectSelection: options.indirectSelection ?? 'eager',
  };
}

/**
 * Parses selector arguments as dbt does: each argument is split on spaces
 * (union); each space-separated part is split on commas (intersection).
 * `['a b', 'c,d']` means a ∪ b ∪ (c ∩ d). Empty space-separated parts are ignored.
 */
export function parseSelectionUnion(
  components: readonly string[],
  options: ParseSelectionOptions & { expectExists?: boolean } = {},
): SelectionGroup {
  const indirectSelection = options.indirectSelection ?? 'eager';
  const union: SelectionSpec[] = [];
  for (const rawSpec of components.flatMap((c) => c.split(' '))) {
    if (rawSpec.trim() === '') continue;
    const parts = rawSpec.split(',').map((part) => parseSelectionCriteria(part.trim(), options));
    union.push({
      type: 'intersection',
      components: parts,
      raw: rawSpec,
      expectExists: options.expectExists ?? true,
      indirectSelection,
    });
  }
  return { type: 'union', components: union, raw: components.join(' '), expectExists: false, indirectSelection };
}

/**
 * `--select` minus `--exclude`. `select` undefined or empty means `defaultSelect`
 * (not warned about when it matches nothing); when `defaultSelect` is also
 * undefined, the included part is `undefined` and the caller selects every node.
 */
export function parseSelection(
  select: readonly string[] | undefined,
  exclude: readonly string[] | undefined,
  options: ParseSelectionOptions & { defaultSelect?: readonly string[] | undefined } = {},
): { include: SelectionGroup | undefined; exclude: SelectionGroup | undefined } {
  const hasSelect = select !== undefined && select.some((s) => s.trim() !== '');
  const include = hasSelect
    ? parseSelectionUnion(select, { ...options, expectExists: true })
    : options.defaultSelect
      ? parseSelectionUnion(options.defaultSelect, { ...options, expectExists: false })
      : undefined;
  const hasExclude = exclude !== undefined && exclude.some((s) => s.trim() !== '');
  return { include, exclude: hasExclude ? parseSelectionUnion(exclude, { ...options, expectExists: true }) : undefined };
}

function depth(raw: string | undefined): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  return Number.parseInt(raw, 10);
}
