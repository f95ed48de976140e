import type { TableRef } from '../../core/types.js';
import type { ProjectConfig } from '../../config/index.js';
import type { SqlDialect } from '../../warehouse/dialect.js';
import type { InvocationContext } from '../context/dbt-context.js';
import type { DependencyGraph } from '../graph/index.js';
import type { ExposureDefinition, ProjectNode, SourceDefinition } from '../project/types.js';
import type { MacroRegistry } from './macro-registry.js';

/** Renders a node's SQL template with a context. */
export type NodeTemplate = (context: object) => string;

/**
 * A parsed, linked project: every enabled node with its final config and
 * dependencies, the sources, the macros, each node's relation, and the graph.
 * Built once per invocation by `buildManifest`; compile and execute read it.
 */
export interface Manifest {
  config: ProjectConfig;
  dialect: SqlDialect;
  nodes: Map<string, ProjectNode>;
  sources: Map<string, SourceDefinition>;
  /** Exposures, linked: graph nodes downstream of what they ref; they never run. */
  exposures: Map<string, ExposureDefinition>;
  /** Nodes disabled by config (`enabled: false`), kept for `ls` and the manifest. */
  disabled: ProjectNode[];
  macros: MacroRegistry;
  /** The relation each node builds (tests: their alias in the target schema). */
  relations: Map<string, TableRef>;
  /** Templates of nodes with SQL (models, snapshots, singular tests, analyses). */
  templates: Map<string, NodeTemplate>;
  graph: DependencyGraph;
  invocation: InvocationContext;
  /** Model lookup by name: unique ids of nodes (models, seeds, snapshots) with that name. */
  byName: Map<string, string[]>;
}
