import { BasinError } from '../../core/errors.js';
import type { DependencyGraph } from '../graph/dependency-graph.js';
import { SelectionEvaluator, type SelectionSets } from './evaluate-selection.js';
import { parseSelection } from './parse-selection.js';
import type { SelectableNode } from './selectable-node.js';
import type { IndirectSelection, SelectionSpec } from './selection-spec.js';
import { defaultSelectorMethods, validateSelectorMethod, type SelectorMethodTable } from './selector-methods.js';

/** Options of {@link selectNodes}. */
export interface SelectNodesOptions {
  /** `--select` arguments; each may hold several space-separated selectors. */
  select?: readonly string[] | undefined;
  /** `--exclude` arguments. */
  exclude?: readonly string[] | undefined;
  /** `--indirect-selection`; default `eager`. Applies to select and exclude alike, as in dbt. */
  indirectSelection?: IndirectSelection | undefined;
  /**
   * Keep only these resource types in the result (the types the command runs:
   * `['model']` for run, `['test', 'unit_test']` for test). All when omitted.
   */
  resourceTypes?: Iterable<string> | undefined;
  /** Selectors used when `select` is empty. Default: every node. */
  defaultSelect?: readonly string[] | undefined;
  /** Root project name, for `package:this`. */
  projectName?: string | undefined;
  /**
   * A parsed YAML selector (`--selector name`, see parseSelectorsFile). Used
   * instead of select/exclude, which must then be empty.
   */
  selector?: SelectionSpec | undefined;
  /** Method table; default {@link defaultSelectorMethods}. Spread it to add methods. */
  methods?: SelectorMethodTable | undefined;
}

/** The selection and what the user should be told about it. */
export interface SelectionResult {
  selected: Set<string>;
  /** e.g. "The selection criterion 'x' does not match any enabled nodes". */
  warnings: string[];
}

/**
 * Resolves dbt-style `--select` / `--exclude` over `nodes` (the enabled nodes
 * of `graph`). Throws BasinError SELECTION for malformed selectors, unknown or
 * unsupported methods, and invalid method values.
 */
export function resolveSelection(
  graph: DependencyGraph,
  nodes: readonly SelectableNode[],
  options: SelectNodesOptions = {},
): SelectionResult {
  const methods = options.methods ?? defaultSelectorMethods;
  if (options.selector) {
    const hasArgs = [...(options.select ?? []), ...(options.exclude ?? [])].some((s) => s.trim() !== '');
    if (hasArgs) throw new BasinError('SELECTION', '--selector cannot be combined with --select or --exclude');
  }
  const parsed = options.selector ? { include: options.selector, exclude: undefined } : parseSelection(options.select, options.exclude, {
    indirectSelection: options.indirectSelection,
    defaultSelect: options.defaultSelect,
    validateMethod: (method, args, raw) => validateSelectorMethod(methods, method, args, raw),
  });
  const evaluator = new SelectionEvaluator(graph, nodes, methods, options.projectName);
  const included: SelectionSets = parsed.include
    ? evaluator.evaluate(parsed.include)
    : { direct: new Set(nodes.map((n) => n.uniqueId)), indirect: new Set() };
  const excluded: SelectionSets = parsed.exclude
    ? evaluator.evaluate(parsed.exclude)
    : { direct: new Set(), indirect: new Set() };
  // The top-level difference: dbt's SelectionDifference with eager (no incorporation).
  const types = options.resourceTypes === undefined ? undefined : new Set(options.resourceTypes);
  const byId = new Map(nodes.map((n) => [n.uniqueId, n]));
  const selected = new Set<string>();
  for (const id of included.direct) {
    if (excluded.direct.has(id)) continue;
    const node = byId.get(id);
    if (!node || (types && !types.has(node.resourceType))) continue;
    selected.add(id);
  }
  return { selected, warnings: [...evaluator.warnings] };
}

/** {@link resolveSelection} without the warnings. */
export function selectNodes(
  graph: DependencyGraph,
  nodes: readonly SelectableNode[],
  options: SelectNodesOptions = {},
): Set<string> {
  return resolveSelection(graph, nodes, options).selected;
}
