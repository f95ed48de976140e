/** How a dashboard's `{{ ref('m') }}` and `{{ source('s', 't') }}` resolve: the manifest's relations. */
import { BasinError } from '../../core/errors.js';
import type { Manifest } from '../../transform/compile/manifest.js';

export interface DashboardRelations {
  relationOf(ref: string): string;
  sourceRelationOf(source: string, table: string): string;
}

/** The relations of `manifest`'s models, seeds, snapshots and sources. */
export function dashboardRelations(manifest: Pick<Manifest, 'byName' | 'relations' | 'sources' | 'dialect'>): DashboardRelations {
  return {
    relationOf(ref) {
      const id = manifest.byName.get(ref)?.[0];
      const relation = id === undefined ? undefined : manifest.relations.get(id);
      if (!relation) throw new BasinError('USAGE', `ref('${ref}'): no model, seed or snapshot named ${ref} in the project`);
      return manifest.dialect.relation(relation);
    },
    sourceRelationOf(source, table) {
      const def = [...manifest.sources.values()].find((s) => s.sourceName === source && s.name === table);
      if (!def) throw new BasinError('USAGE', `source('${source}', '${table}'): no such source table is declared in the project's sources`);
      return manifest.dialect.relation({ schema: def.schema, name: def.identifier, ...(def.database ? { database: def.database } : {}) });
    },
  };
}
