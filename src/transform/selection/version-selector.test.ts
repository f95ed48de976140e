import { describe, expect, it } from 'vitest';
import { BasinError } from '../../core/errors.js';
import { DependencyGraph } from '../graph/index.js';
import { selectNodes } from './select-nodes.js';
import type { SelectableNode } from './selectable-node.js';

const model = (uniqueId: string, name: string, version?: string, latestVersion?: string): SelectableNode => ({
  uniqueId,
  name,
  resourceType: 'model',
  packageName: 'shop',
  fqn: version ? ['shop', name, `v${version}`] : ['shop', name],
  originalFilePath: `models/${version ? `${name}_v${version}` : name}.sql`,
  tags: [],
  config: {},
  dependsOn: [],
  version,
  latestVersion,
});

const nodes = [
  model('model.shop.dim.v1', 'dim', '1', '2'),
  model('model.shop.dim.v2', 'dim', '2', '2'),
  model('model.shop.dim.v3', 'dim', '3', '2'),
  model('model.shop.orders', 'orders'),
];
const graph = new DependencyGraph(nodes);
const sel = (select: string) => [...selectNodes(graph, nodes, { select: [select] })].sort();

describe('version: selector', () => {
  it('selects the latest, old, prerelease and unversioned models', () => {
    expect(sel('version:latest')).toEqual(['model.shop.dim.v2']);
    expect(sel('version:old')).toEqual(['model.shop.dim.v1']);
    expect(sel('version:prerelease')).toEqual(['model.shop.dim.v3']);
    expect(sel('version:none')).toEqual(['model.shop.orders']);
    expect(sel('dim')).toEqual(['model.shop.dim.v1', 'model.shop.dim.v2', 'model.shop.dim.v3']);
  });

  it('rejects other values', () => {
    expect(() => sel('version:newest')).toThrow(BasinError);
  });
});
