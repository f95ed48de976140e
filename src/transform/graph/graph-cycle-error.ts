import { BasinError } from '../../core/errors.js';

/**
 * A dependency cycle. `cycle` lists the ids in data-flow order (each node is
 * used by the next) and repeats the first id at the end.
 */
export class GraphCycleError extends BasinError {
  readonly cycle: readonly string[];
  constructor(cycle: readonly string[]) {
    super('GRAPH_CYCLE', `Found a dependency cycle: ${cycle.join(' -> ')} (each node is used by the next)`);
    this.name = 'GraphCycleError';
    this.cycle = cycle;
  }
}
