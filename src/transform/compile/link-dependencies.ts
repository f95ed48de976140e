import { BasinError } from '../../core/errors.js';
import type { ConstraintSpec, ExposureDefinition, ProjectNode, RefCall, SourceDefinition } from '../project/types.js';

function locate(node: { originalFilePath: string; filePath?: string | undefined }): string {
  return node.filePath ?? node.originalFilePath;
}

/** Resolves a ref to a unique id: same package first, then the root project, then any package. */
export function resolveRefId(
  call: RefCall,
  from: { packageName: string },
  nodes: Map<string, ProjectNode>,
  byName: Map<string, string[]>,
  rootPackage: string,
): string | undefined {
  const candidates = (byName.get(call.name) ?? []).filter((id) => {
    const node = nodes.get(id);
    if (node?.version === undefined) return call.version === undefined;
    return call.version === undefined ? node.version === node.latestVersion : node.version === String(call.version);
  });
  if (call.package) return candidates.find((id) => nodes.get(id)?.packageName === call.package);
  return (
    candidates.find((id) => nodes.get(id)?.packageName === from.packageName) ??
    candidates.find((id) => nodes.get(id)?.packageName === rootPackage) ??
    candidates[0]
  );
}

/** Resolves a source() call to a unique id. */
export function resolveSourceId(sourceName: string, tableName: string, sources: Map<string, SourceDefinition>): string | undefined {
  for (const s of sources.values()) if (s.sourceName === sourceName && s.name === tableName) return s.uniqueId;
  return undefined;
}

/** The `to` of a node's foreign key constraints (model and column level): built first, as in dbt. */
function foreignKeyTargets(node: ProjectNode): NonNullable<ConstraintSpec['to']>[] {
  const all = [...(node.constraints ?? []), ...Object.values(node.columns).flatMap((c) => c.constraints ?? [])];
  return all.flatMap((c) => (c.type === 'foreign_key' && c.to ? [c.to] : []));
}

/**
 * Fills each node's `dependsOn.nodes` from its refs, sources and attached
 * node; a ref or source that resolves to nothing is an error naming the file.
 */
export function linkDependencies(
  nodes: Map<string, ProjectNode>,
  sources: Map<string, SourceDefinition>,
  byName: Map<string, string[]>,
  rootPackage: string,
  disabled: ProjectNode[],
): void {
  for (const node of nodes.values()) {
    const deps = new Set<string>();
    for (const call of node.refs) {
      const id = resolveRefId(call, node, nodes, byName, rootPackage);
      if (!id) {
        const isDisabled = disabled.some((d) => d.name === call.name);
        throw new BasinError(
          'COMPILE',
          `${locate(node)}: ${node.resourceType} '${node.name}' depends on a node named '${call.package ? `${call.package}.` : ''}${call.name}'${call.version !== undefined ? ` (version ${String(call.version)})` : ''} which ${isDisabled ? 'is disabled' : 'was not found'}`,
        );
      }
      if (id !== node.uniqueId) deps.add(id);
    }
    for (const [s, t] of node.sources) {
      const id = resolveSourceId(s, t, sources);
      if (!id) {
        throw new BasinError(
          'COMPILE',
          `${locate(node)}: ${node.resourceType} '${node.name}' depends on a source named '${s}.${t}' which was not found (declare it under sources: in a .yml file)`,
        );
      }
      deps.add(id);
    }
    for (const to of foreignKeyTargets(node)) {
      const id = 'ref' in to ? resolveRefId(to.ref, node, nodes, byName, rootPackage) : resolveSourceId(to.source[0], to.source[1], sources);
      if (!id) {
        const what = 'ref' in to ? `a node named '${to.ref.package ? `${to.ref.package}.` : ''}${to.ref.name}'` : `a source named '${to.source.join('.')}'`;
        throw new BasinError('COMPILE', `${locate(node)}: a foreign key constraint of ${node.resourceType} '${node.name}' references ${what} which was not found`);
      }
      if (id !== node.uniqueId) deps.add(id);
    }
    if (node.attachedNode && (nodes.has(node.attachedNode) || sources.has(node.attachedNode))) deps.add(node.attachedNode);
    node.dependsOn = { nodes: [...deps].sort(), macros: node.dependsOn.macros };
    if (node.resourceType === 'test' && !node.attachedNode && node.testMetadata === undefined) {
      // Singular tests attach to their single model parent, as dbt does for display.
      const parents = [...deps].filter((d) => nodes.has(d));
      if (parents.length === 1) node.attachedNode = parents[0];
    }
  }
}

/** Fills each exposure's `dependsOn.nodes`; a ref or source that resolves to nothing is an error naming the file. */
export function linkExposures(
  exposures: readonly ExposureDefinition[],
  nodes: Map<string, ProjectNode>,
  sources: Map<string, SourceDefinition>,
  byName: Map<string, string[]>,
  rootPackage: string,
): Map<string, ExposureDefinition> {
  const out = new Map<string, ExposureDefinition>();
  for (const exposure of exposures) {
    if (out.has(exposure.uniqueId)) {
      throw new BasinError('COMPILE', `${exposure.filePath}: two exposures are named '${exposure.name}'`);
    }
    const deps = new Set<string>();
    for (const call of exposure.refs) {
      const id = resolveRefId(call, exposure, nodes, byName, rootPackage);
      if (!id) throw new BasinError('COMPILE', `${exposure.filePath}: exposure '${exposure.name}' depends on a node named '${call.name}' which was not found`);
      deps.add(id);
    }
    for (const [s, t] of exposure.sources) {
      const id = resolveSourceId(s, t, sources);
      if (!id) throw new BasinError('COMPILE', `${exposure.filePath}: exposure '${exposure.name}' depends on a source named '${s}.${t}' which was not found`);
      deps.add(id);
    }
    out.set(exposure.uniqueId, { ...exposure, dependsOn: { nodes: [...deps].sort() } });
  }
  return out;
}
