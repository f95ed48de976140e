export { postgresSource } from './postgres-source.js';
export { postgresConfigSchema, type PostgresConfig } from './postgres-config.js';
