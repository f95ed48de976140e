import type { QueryOptions, WarehouseSession } from '../warehouse/warehouse.js';
import type { EventsSpec } from './events-spec.js';
import { pathsSql } from './paths-sql.js';
import type { PathsSpec } from './paths-spec.js';
import { toNumber } from './result-values.js';

export interface PathRow {
  /** Event names after (or, for `previous`, before: nearest first) the event; shorter when the user's events end. */
  path: string[];
  occurrences: number;
  users: number;
}

/** Runs the paths SQL. */
export async function runPaths(session: WarehouseSession, events: EventsSpec, spec: PathsSpec, options: QueryOptions = {}): Promise<PathRow[]> {
  const { sql, params } = pathsSql(session.dialect, events, spec);
  const { rows } = await session.query(sql, params, options);
  const depth = spec.depth ?? 1;
  return rows.map((r) => {
    const path: string[] = [];
    for (let i = 1; i <= depth; i++) {
      const e = r[`e${i}`];
      if (e === null || e === undefined) break;
      path.push(String(e));
    }
    return { path, occurrences: toNumber(r['occurrences']), users: toNumber(r['users']) };
  });
}
