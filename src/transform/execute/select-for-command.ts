import type { Manifest } from '../compile/manifest.js';
import { resolveSelection, selectableNodesFromProject, type IndirectSelection } from '../selection/index.js';
import type { TransformCommand } from './run-types.js';

/** Resource types each command acts on (dbt's). */
export const COMMAND_RESOURCE_TYPES: Record<TransformCommand | 'ls', readonly string[]> = {
  run: ['model'],
  build: ['seed', 'model', 'snapshot', 'test'],
  test: ['test'],
  seed: ['seed'],
  snapshot: ['snapshot'],
  compile: ['model', 'snapshot', 'test', 'analysis'],
  ls: ['model', 'seed', 'snapshot', 'test', 'analysis', 'source'],
};

/** Selection options of every node command. */
export interface SelectionOptions {
  select?: readonly string[] | undefined;
  exclude?: readonly string[] | undefined;
  indirectSelection?: IndirectSelection | undefined;
  /** Override the resource types (e.g. `ls --resource-type`). */
  resourceTypes?: readonly string[] | undefined;
}

/** The unique ids a command acts on, and warnings for selectors that matched nothing. */
export function selectForCommand(
  manifest: Manifest,
  command: TransformCommand | 'ls',
  options: SelectionOptions,
): { ids: string[]; warnings: string[] } {
  const nodes = selectableNodesFromProject(manifest.nodes.values(), manifest.sources.values(), manifest.exposures.values());
  const { selected, warnings } = resolveSelection(manifest.graph, nodes, {
    select: options.select,
    exclude: options.exclude,
    indirectSelection: options.indirectSelection,
    resourceTypes: options.resourceTypes ?? COMMAND_RESOURCE_TYPES[command],
    projectName: manifest.config.name,
  });
  const order = manifest.graph.ids();
  // Exposures select their upstream (`+exposure:x`) but are never acted on.
  return { ids: order.filter((id) => selected.has(id) && !manifest.exposures.has(id)), warnings };
}
