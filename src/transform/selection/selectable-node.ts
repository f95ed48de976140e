import type { ExposureDefinition, ProjectNode, SourceDefinition } from '../project/types.js';

/**
 * What node selection knows about an asset. dbt nodes and sources map onto it
 * directly ({@link selectableNodesFromProject}); other asset kinds (syncs,
 * dashboards) fill what applies and set `kind`. Pass only enabled nodes.
 */
export interface SelectableNode {
  uniqueId: string;
  /** Short name: model/seed/test name, or the table name of a source. */
  name: string;
  /** dbt resource type (`model`, `seed`, `snapshot`, `test`, `source`, ...) or another asset type. */
  resourceType: string;
  packageName: string;
  /** Fully qualified name: package, folders, name. May be empty for non-dbt assets. */
  fqn: readonly string[];
  /** Defining file, relative to the project root (`models/staging/stg_orders.sql`). */
  originalFilePath: string;
  /** Property file that documents the node, relative to the project root. */
  patchPath?: string | undefined;
  tags: readonly string[];
  config: Readonly<Record<string, unknown>>;
  dependsOn: readonly string[];
  /** Tests only. */
  testType?: 'generic' | 'singular' | undefined;
  /** Generic tests only: the test's name (`unique`, `not_null`, `my_test`). */
  testName?: string | undefined;
  /** Sources only. */
  sourceName?: string | undefined;
  /** Versioned models only: this version and the model's latest. */
  version?: string | undefined;
  latestVersion?: string | undefined;
  /** Asset kind for the `kind:` method; defaults to `resourceType`. */
  kind?: string | undefined;
}

/** Maps parsed dbt nodes and sources (enabled ones only) to selectable nodes. */
export function selectableNodesFromProject(
  nodes: Iterable<ProjectNode>,
  sources: Iterable<SourceDefinition> = [],
  exposures: Iterable<ExposureDefinition> = [],
): SelectableNode[] {
  const out: SelectableNode[] = [];
  for (const node of nodes) {
    if (!node.config.enabled) continue;
    const isTest = node.resourceType === 'test';
    out.push({
      uniqueId: node.uniqueId,
      name: node.name,
      resourceType: node.resourceType,
      packageName: node.packageName,
      fqn: node.fqn,
      originalFilePath: node.originalFilePath,
      patchPath: node.patchPath?.file,
      tags: node.config.tags,
      config: node.config,
      dependsOn: node.dependsOn.nodes,
      testType: isTest ? (node.testMetadata ? 'generic' : 'singular') : undefined,
      testName: isTest ? node.testMetadata?.name : undefined,
      version: node.version,
      latestVersion: node.latestVersion,
    });
  }
  for (const source of sources) {
    if (!source.config.enabled) continue;
    out.push({
      uniqueId: source.uniqueId,
      name: source.name,
      resourceType: 'source',
      packageName: source.packageName,
      fqn: source.fqn,
      originalFilePath: source.originalFilePath,
      tags: source.tags,
      config: source.config,
      dependsOn: [],
      sourceName: source.sourceName,
    });
  }
  for (const exposure of exposures) {
    out.push({
      uniqueId: exposure.uniqueId,
      name: exposure.name,
      resourceType: 'exposure',
      packageName: exposure.packageName,
      fqn: exposure.fqn,
      originalFilePath: exposure.originalFilePath,
      tags: exposure.tags,
      config: { enabled: true, meta: exposure.meta, tags: exposure.tags },
      dependsOn: exposure.dependsOn.nodes,
    });
  }
  return out;
}
