import { silentLogger } from '../../core/logger.js';
import { createDuckDbWarehouse } from '../../warehouse/duckdb/index.js';
import { describeActivationDiffContract } from './activation-diff.contract.js';

describeActivationDiffContract('duckdb', () => createDuckDbWarehouse({ path: ':memory:', threads: 2 }, { logger: silentLogger }));
