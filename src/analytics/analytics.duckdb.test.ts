import { silentLogger } from '../core/logger.js';
import { createDuckDbWarehouse } from '../warehouse/duckdb/index.js';
import { describeAnalyticsContract } from './analytics.contract.js';

describeAnalyticsContract('duckdb', () => createDuckDbWarehouse({ path: ':memory:', threads: 2 }, { logger: silentLogger }));
