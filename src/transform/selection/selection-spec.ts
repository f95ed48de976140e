/**
 * The parsed form of `--select` / `--exclude`, shaped after dbt's
 * SelectionCriteria / SelectionUnion / SelectionIntersection / SelectionDifference.
 */

/**
 * How tests attached to selected nodes are picked up (dbt's `--indirect-selection`):
 * - `eager`: a test is selected when any node it depends on is selected.
 * - `cautious`: only when all nodes it depends on are selected.
 * - `buildable`: when every node it depends on is selected or is an ancestor of the selection (sources count as present).
 * - `empty`: never; only the selected nodes themselves.
 */
export type IndirectSelection = 'eager' | 'cautious' | 'buildable' | 'empty';

/** The indirect selection modes, for validating user input. */
export const INDIRECT_SELECTION_MODES: readonly IndirectSelection[] = ['eager', 'cautious', 'buildable', 'empty'];

/** One selector such as `2+tag:nightly+` or `@source:stripe`. */
export interface SelectionCriteria {
  type: 'criteria';
  /** The selector as written. */
  raw: string;
  /** Method name (`fqn`, `tag`, `config`, ...), chosen by default for bare values. */
  method: string;
  /** Dotted arguments after the method, e.g. `['materialized']` for `config.materialized:`. */
  methodArguments: string[];
  value: string;
  /** `@` prefix: the selection, its descendants, and all their ancestors. */
  childrensParents: boolean;
  /** `+` prefix. */
  parents: boolean;
  /** `2+` prefix depth; undefined means unlimited. */
  parentsDepth: number | undefined;
  /** `+` suffix. */
  children: boolean;
  /** `+3` suffix depth; undefined means unlimited. */
  childrenDepth: number | undefined;
  indirectSelection: IndirectSelection;
}

/** A set operation over selectors. */
export interface SelectionGroup {
  type: 'union' | 'intersection' | 'difference';
  components: SelectionSpec[];
  /** Text shown in "does not match any nodes" warnings. */
  raw: string;
  /** Warn when the group selects nothing (true for user-written selectors). */
  expectExists: boolean;
  indirectSelection: IndirectSelection;
}

/** Any parsed selection. */
export type SelectionSpec = SelectionCriteria | SelectionGroup;
