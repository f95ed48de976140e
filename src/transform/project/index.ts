/** dbt project parsing: files to nodes, sources and raw macro files (no rendering). */
export * from './config-merge.js';
export * from './config-resolve.js';
export * from './discover-files.js';
export * from './generic-test-names.js';
export * from './generic-tests.js';
export * from './parse-project-files.js';
export * from './parsed-project.js';
export type { PropertyWarning } from './property-files.js';
export * from './types.js';
export * from './snapshot-blocks.js';
