/**
 * Selection over the asset graph with dbt's syntax, across kinds:
 * `source:stripe+` (the Stripe connection, its tables and everything
 * downstream), `+fct_mrr`, `tag:finance`, `kind:model`, `connection:*`.
 */
import { fnmatch, resolveSelection, defaultSelectorMethods, type SelectorMethodTable } from '../../transform/selection/index.js';
import type { AssetGraph } from './build-asset-graph.js';

/** Selector methods of the asset graph: dbt's, plus `connection:`, `sync:` and `dashboard:`. */
export const assetSelectorMethods: SelectorMethodTable = {
  ...defaultSelectorMethods,
  connection: {
    *search(value, { nodes }) {
      for (const n of nodes) if (n.kind === 'connection' && fnmatch(n.sourceName ?? '', value)) yield n.uniqueId;
    },
  },
  sync: {
    *search(value, { nodes }) {
      for (const n of nodes) if (n.kind === 'sync' && fnmatch(n.name, value)) yield n.uniqueId;
    },
  },
  dashboard: {
    *search(value, { nodes }) {
      for (const n of nodes) if (n.kind === 'dashboard' && fnmatch(n.name, value)) yield n.uniqueId;
    },
  },
};

/** What to select. */
export interface AssetSelection {
  select?: readonly string[] | undefined;
  exclude?: readonly string[] | undefined;
  /** Only these kinds (`connection`, `model`, ...); all when omitted. */
  kinds?: readonly string[] | undefined;
}

/** The selected asset ids in graph order, and warnings for selectors that matched nothing. */
export function selectAssets(assets: AssetGraph, selection: AssetSelection, projectName?: string): { ids: string[]; warnings: string[] } {
  const { selected, warnings } = resolveSelection(assets.graph, assets.selectable, {
    select: selection.select,
    exclude: selection.exclude,
    methods: assetSelectorMethods,
    projectName,
  });
  const kinds = selection.kinds ? new Set(selection.kinds) : undefined;
  const ids = [...assets.assets.keys()].filter((id) => selected.has(id) && (!kinds || kinds.has(assets.assets.get(id)?.kind ?? '')));
  return { ids, warnings };
}
