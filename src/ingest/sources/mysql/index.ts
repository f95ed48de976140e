export { mysqlSource } from './mysql-source.js';
export { mysqlConfigSchema, type MysqlConfig } from './mysql-config.js';
