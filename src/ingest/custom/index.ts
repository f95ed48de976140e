/** Custom sources: TypeScript modules in a user's project, loaded without a build step. */
export { loadCustomSource, type CustomSourceLoadContext } from './load-custom-source.js';
export { defineSource, isDefinedSource, type DefinedSource } from './define-source.js';
export { installSourceModuleAlias, SOURCE_MODULE_SPECIFIER } from './source-module-alias.js';
export type * from './custom-source-definition.js';
