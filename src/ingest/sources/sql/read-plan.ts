import type { ReadContext, StreamDefinition } from '../../source.js';
import { CursorTracker, toCursorState, type CursorState } from './cursor-state.js';
import { buildReadQuery, type ReadQuery, type ReadQueryDialect, type ReadQueryOptions } from './read-query.js';

/** Where a database stream's read starts and the query that reads it. */
export interface ReadPlan {
  /** The committed cursor state to resume from (undefined: from the start). */
  start: CursorState | undefined;
  /** Tracks the cursor across chunks, for incremental streams. */
  tracker: CursorTracker | undefined;
  query: ReadQuery;
}

/**
 * Plans one read of a table or query stream, the same way for every SQL
 * database: resume from the committed state unless this is a full refresh,
 * order by (cursor, key) and skip what the state says was loaded.
 */
export function planSqlRead(
  dialect: ReadQueryDialect,
  definition: StreamDefinition,
  source: Pick<ReadQueryOptions, 'table' | 'query'>,
  context: Pick<ReadContext, 'state' | 'fullRefresh'>,
): ReadPlan {
  const { cursorField, primaryKey } = definition;
  const start = context.fullRefresh ? undefined : toCursorState(context.state);
  const tracker = cursorField === undefined ? undefined : new CursorTracker(cursorField, primaryKey, start);
  const query = buildReadQuery(dialect, {
    table: source.table,
    query: source.query,
    cursor: cursorField,
    primaryKey,
    state: cursorField === undefined ? undefined : start,
    hints: definition.columns,
  });
  return { start, tracker, query };
}
