/** The declarative REST source (`type: rest`). */
export { restSource } from './rest-source.js';
export { restConfigSchema } from './rest-config.js';
export type { RestConfig, ResourceConfig, PaginatorConfig, AuthConfig } from './rest-config.js';
