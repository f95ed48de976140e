/**
 * Resolves a node's config from dbt_project.yml trees matched by fqn
 * (package, folders, node name), then property-file config, with dbt's
 * precedence for nodes of installed packages.
 */
import type { ConfigTree, ResourceConfigTrees } from '../../config/index.js';
import { defaultNodeConfig, mergeConfig, type ConfigPatch } from './config-merge.js';
import type { NodeConfig, NodeConfigLayers, ProjectNode } from './types.js';

/** The configs met walking `tree` along `fqn` (dbt's `fqn_search`): root level first. */
export function configTreeLayers(tree: ConfigTree, fqn: readonly string[]): ConfigPatch[] {
  const layers: ConfigPatch[] = [tree.configs];
  let level = tree;
  for (const part of fqn) {
    const child = level.children[part];
    if (!child) break;
    layers.push(child.configs);
    level = child;
  }
  return layers;
}

/** The tree of `trees` that configures `resourceType`. */
export function treeForResource(trees: ResourceConfigTrees, resourceType: ProjectNode['resourceType']): ConfigTree {
  switch (resourceType) {
    case 'model':
      return trees.models;
    case 'seed':
      return trees.seeds;
    case 'snapshot':
      return trees.snapshots;
    case 'test':
      return trees.tests;
    case 'analysis':
      return trees.analyses;
  }
}

/** What `resolveNodeConfig` needs to know about a node and its project. */
export interface ConfigResolutionInput {
  resourceType: ProjectNode['resourceType'];
  fqn: readonly string[];
  /** Trees of the dbt_project.yml of the package that defines the node. */
  ownTrees: ResourceConfigTrees;
  /** Trees of the root project, when the node comes from an installed package. */
  rootTrees?: ResourceConfigTrees | undefined;
  /** Property-file configs, in order (legacy top-level keys first, then `config:`). */
  propertyConfigs?: readonly ConfigPatch[] | undefined;
}

/** Resolves the config parsing can know (everything but in-file `config()`), plus its layers. */
export function resolveNodeConfig(input: ConfigResolutionInput): { config: NodeConfig; layers: NodeConfigLayers } {
  let base = defaultNodeConfig(input.resourceType);
  for (const layer of configTreeLayers(treeForResource(input.ownTrees, input.resourceType), input.fqn)) {
    base = mergeConfig(base, layer);
  }
  for (const layer of input.propertyConfigs ?? []) base = mergeConfig(base, layer);
  const after = input.rootTrees ? configTreeLayers(treeForResource(input.rootTrees, input.resourceType), input.fqn) : [];
  return { config: after.reduce(mergeConfig, base), layers: { base, after } };
}

/**
 * The config of `node` once the file's `{{ config(...) }}` calls are known:
 * the parsed base, then the calls in order, then root-project overrides.
 */
export function applyConfigCalls(node: Pick<ProjectNode, 'config' | 'configLayers'>, calls: readonly ConfigPatch[]): NodeConfig {
  const layers = node.configLayers ?? { base: node.config, after: [] };
  let config = layers.base;
  for (const call of calls) config = mergeConfig(config, call);
  for (const layer of layers.after) config = mergeConfig(config, layer);
  return config;
}
