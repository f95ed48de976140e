/** Project configuration: the only module that reads process.env. */
export * from './basin-file.js';
export * from './basin-schema.js';
export * from './config-tree.js';
export * from './dbt-project-file.js';
export * from './env-interpolation.js';
export * from './env-snapshot.js';
export * from './env-var-template.js';
export * from './load-project-config.js';
export * from './profiles-file.js';
export * from './project-config.js';
export * from './vars.js';
export * from './yaml-file.js';
export * from './zod-issues.js';
