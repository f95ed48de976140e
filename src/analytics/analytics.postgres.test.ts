import { silentLogger } from '../core/logger.js';
import { createPostgresWarehouse } from '../warehouse/postgres/index.js';
import { describeAnalyticsContract } from './analytics.contract.js';

/** The development machine's Postgres (trust auth); the suite uses its own schemas. */
describeAnalyticsContract('postgres', () =>
  createPostgresWarehouse({ host: '127.0.0.1', port: 5432, user: 'postgres', database: 'test', poolSize: 2 }, { logger: silentLogger }),
);
