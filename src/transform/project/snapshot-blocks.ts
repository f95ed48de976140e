/**
 * Snapshot files are parsed as one raw node per file; the renderer finds the
 * `{% snapshot name %}` blocks. This builds the node of one block the way
 * dbt does: fqn `[package, ...folders, file name, snapshot name]` (dbt keeps
 * the file name in snapshot fqns), config from the dbt_project.yml trees
 * along that fqn, then the `snapshots:` property entry of that name.
 */
import { resolveNodeConfig } from './config-resolve.js';
import type { ParsedProject } from './parsed-project.js';
import type { ProjectNode } from './types.js';

/** The node of block `blockName` of snapshot file node `file` (rawCode stays the whole file). */
export function snapshotBlockNode(file: ProjectNode, blockName: string, parsed: ParsedProject): ProjectNode {
  const pkg = parsed.packages.find((p) => p.name === file.packageName);
  const props = parsed.snapshotProperties.find((p) => p.name === blockName && p.packageName === file.packageName);
  const fqn = [...file.fqn, blockName];
  const { config, layers } = resolveNodeConfig({
    resourceType: 'snapshot',
    fqn,
    ownTrees: pkg?.resourceConfigs ?? parsed.config.resourceConfigs,
    rootTrees: pkg && !pkg.isRoot ? parsed.config.resourceConfigs : undefined,
    propertyConfigs: props?.configs,
  });
  return {
    ...file,
    uniqueId: `snapshot.${file.packageName}.${blockName}`,
    name: blockName,
    fqn,
    config,
    configLayers: layers,
    description: props?.description ?? file.description,
    columns: props ? { ...file.columns, ...props.columns } : file.columns,
    patchPath: props?.location ?? file.patchPath,
  };
}
