import { BasinError } from '../../core/errors.js';
import type { RelationOf } from '../materialize/constraint-plan.js';
import type { ProjectNode } from '../project/types.js';
import { resolveRefId, resolveSourceId } from './link-dependencies.js';
import type { Manifest } from './manifest.js';

/** Resolves a foreign key's `to` to the referenced relation's SQL name. */
export function foreignKeyRelationOf(manifest: Manifest, node: ProjectNode): RelationOf {
  return (to) => {
    if ('ref' in to) {
      const id = resolveRefId(to.ref, node, manifest.nodes, manifest.byName, manifest.config.name);
      const ref = id === undefined ? undefined : manifest.relations.get(id);
      if (!ref) throw new BasinError('MATERIALIZATION', `model ${node.name}: the foreign key references '${to.ref.name}', which was not found`);
      return manifest.dialect.relation(ref);
    }
    const id = resolveSourceId(to.source[0], to.source[1], manifest.sources);
    const source = id === undefined ? undefined : manifest.sources.get(id);
    if (!source) throw new BasinError('MATERIALIZATION', `model ${node.name}: the foreign key references source '${to.source.join('.')}', which was not found`);
    return manifest.dialect.relation({ database: source.database, schema: source.schema, name: source.identifier });
  };
}
