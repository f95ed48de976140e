import { describe, expect, it } from 'vitest';
import type { NodeConfig, ProjectNode, SourceDefinition } from '../project/types.js';
import { selectableNodesFromProject } from './selectable-node.js';

const config = (extra: Partial<NodeConfig> = {}): NodeConfig => ({ enabled: true, materialized: 'view', tags: [], meta: {}, ...extra });

function node(extra: Partial<ProjectNode>): ProjectNode {
  return {
    uniqueId: 'model.p.a', resourceType: 'model', packageName: 'p', name: 'a', path: 'a.sql',
    originalFilePath: 'models/a.sql', fqn: ['p', 'a'], rawCode: '', language: 'sql', config: config(),
    description: '', columns: {}, refs: [], sources: [], dependsOn: { nodes: [], macros: [] }, checksum: '',
    ...extra,
  };
}

describe('selectableNodesFromProject', () => {
  it('maps nodes, tests and sources and drops disabled ones', () => {
    const source: SourceDefinition = {
      uniqueId: 'source.p.s.t', packageName: 'p', sourceName: 's', name: 't', schema: 's', identifier: 't',
      description: '', sourceDescription: '', columns: {}, meta: {}, tags: ['raw'], originalFilePath: 'models/src.yml',
      fqn: ['p', 's', 't'], location: { file: 'models/src.yml' }, config: { enabled: true },
    };
    const out = selectableNodesFromProject(
      [
        node({ config: config({ tags: ['x'] }), patchPath: { file: 'models/schema.yml', line: 3 } }),
        node({ uniqueId: 'model.p.off', config: config({ enabled: false }) }),
        node({
          uniqueId: 'test.p.unique_a_id.1', resourceType: 'test', name: 'unique_a_id',
          testMetadata: { name: 'unique', kwargs: {} }, dependsOn: { nodes: ['model.p.a'], macros: [] },
        }),
        node({ uniqueId: 'test.p.singular', resourceType: 'test', name: 'singular' }),
      ],
      [source],
    );
    expect(out.map((n) => n.uniqueId)).toEqual(['model.p.a', 'test.p.unique_a_id.1', 'test.p.singular', 'source.p.s.t']);
    expect(out[0]).toMatchObject({ tags: ['x'], patchPath: 'models/schema.yml', testType: undefined });
    expect(out[1]).toMatchObject({ testType: 'generic', testName: 'unique', dependsOn: ['model.p.a'] });
    expect(out[2]).toMatchObject({ testType: 'singular', testName: undefined });
    expect(out[3]).toMatchObject({ resourceType: 'source', sourceName: 's', name: 't', tags: ['raw'] });
  });
});
