/** The dependency graph of assets: traversal, ordering, validation and run scheduling. */
export { DependencyGraph } from './dependency-graph.js';
export type { GraphNodeInput, MissingDependency, TraversalOptions } from './dependency-graph.js';
export { topologicalOrder, findCycle } from './topological-order.js';
export { findMissingDependencies } from './missing-dependencies.js';
export { ExecutionScheduler } from './execution-scheduler.js';
export type { ExecutionSchedulerOptions, NodeRunState } from './execution-scheduler.js';
export { GraphCycleError } from './graph-cycle-error.js';
