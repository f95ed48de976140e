import { silentLogger } from '../core/logger.js';
import { createDuckDbWarehouse } from '../warehouse/duckdb/index.js';
import { describeRunDashboardContract } from './run-dashboard.contract.js';

describeRunDashboardContract('duckdb', () => createDuckDbWarehouse({ path: ':memory:' }, { logger: silentLogger }));
