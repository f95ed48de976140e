/** dbt's node selection syntax (`--select`, `--exclude`, `--indirect-selection`). */
export { selectNodes, resolveSelection } from './select-nodes.js';
export type { SelectNodesOptions, SelectionResult } from './select-nodes.js';
export { parseSelection, parseSelectionUnion, parseSelectionCriteria, defaultMethodFor } from './parse-selection.js';
export type { ParseSelectionOptions } from './parse-selection.js';
export { parseSelectorsFile, parseSelectorDefinition } from './parse-selector-definition.js';
export type { NamedSelector, SelectorDefinitionEntry } from './parse-selector-definition.js';
export type { IndirectSelection, SelectionCriteria, SelectionGroup, SelectionSpec } from './selection-spec.js';
export { INDIRECT_SELECTION_MODES } from './selection-spec.js';
export { defaultSelectorMethods, validateSelectorMethod, DBT_RESOURCE_TYPES } from './selector-methods.js';
export type { SelectorMethod, SelectorMethodContext, SelectorMethodTable } from './selector-methods.js';
export { selectableNodesFromProject } from './selectable-node.js';
export type { SelectableNode } from './selectable-node.js';
export { fnmatch } from './fnmatch.js';
export { SelectionEvaluator } from './evaluate-selection.js';
export type { SelectionSets } from './evaluate-selection.js';
