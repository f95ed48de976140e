/**
 * Incremental reads on a cursor column without losing or duplicating rows
 * that share a cursor value ("ties").
 *
 * Rows are read in `(cursor, key)` order. The state remembers the last cursor
 * value and which rows at that value were already loaded:
 * - `keys`: the ids of the loaded rows at `cursor` (primary key tuples as
 *   JSON, or a hash of the whole row when the stream has no key). The next
 *   read asks for `cursor >= last` and skips exactly those rows, so a row that
 *   arrives later with the same cursor value is still loaded.
 * - `after`: when more than `maxTieKeys` rows share the value, the state keeps
 *   only the last key instead and the next read asks for
 *   `cursor > last OR (cursor = last AND key > after)` (a keyset). A row
 *   inserted later with that same cursor value and a smaller key is then
 *   missed; an empty `after` (no key) means `cursor > last`.
 */
import { createHash } from 'node:crypto';
import type { StreamState } from '../../source.js';

/** The stream state of a cursor-incremental database stream. */
export interface CursorState {
  /** The largest cursor value loaded so far (as the source yields it in records). */
  cursor: unknown;
  /** Ids of the rows at `cursor` already loaded (see the module doc). */
  keys?: string[] | undefined;
  /** Keyset fallback: rows at `cursor` with a key up to this tuple are loaded. */
  after?: unknown[] | undefined;
}

/** Ties remembered by id before falling back to a keyset. */
export const DEFAULT_MAX_TIE_KEYS = 10_000;

/** Reads a committed state; undefined when it is not a cursor state. */
export function toCursorState(state: StreamState | undefined): CursorState | undefined {
  if (!state || !('cursor' in state) || state.cursor === null || state.cursor === undefined) return undefined;
  const keys = Array.isArray(state.keys) ? state.keys.map(String) : undefined;
  const after = Array.isArray(state.after) ? state.after : undefined;
  return { cursor: state.cursor, keys, after };
}

/** Compares two record values the way they were yielded (numbers, strings, ...). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

type Row = Record<string, unknown>;

/**
 * Follows the rows of one read (in `(cursor, key)` order): skips the rows a
 * previous checkpoint already loaded and yields the state after each chunk.
 * Row ids are computed only for the rows at the last cursor value, when a
 * state is taken.
 */
export class CursorTracker {
  private cursor: unknown;
  /** Ids at `cursor` carried over from the start state. */
  private carried: string[];
  /** Rows at `cursor` accepted in this read (keys mode). */
  private ties: Row[] = [];
  /** Keyset mode: the last row accepted at `cursor`. */
  private lastTie: Row | undefined;
  private afterMode: boolean;
  private readonly startAfter: unknown[] | undefined;
  private readonly skip: Map<string, number>;
  private readonly skipCursor: unknown;

  constructor(
    private readonly cursorField: string,
    private readonly primaryKey: string[],
    start: CursorState | undefined,
    private readonly maxTieKeys: number = DEFAULT_MAX_TIE_KEYS,
  ) {
    this.cursor = start?.cursor;
    this.afterMode = start?.after !== undefined;
    this.startAfter = start?.after;
    this.carried = this.afterMode ? [] : [...(start?.keys ?? [])];
    this.skip = this.afterMode ? new Map() : countIds(start?.keys ?? []);
    this.skipCursor = start?.cursor;
  }

  /** True while rows of the start state's ties may still come (and be dropped by `accept`). */
  get skipping(): boolean {
    return this.skip.size > 0;
  }

  /** The id of a row for tie tracking. */
  rowId(row: Row): string {
    if (this.primaryKey.length > 0) return JSON.stringify(this.primaryKey.map((k) => row[k] ?? null));
    return createHash('sha1').update(JSON.stringify(row)).digest('base64url');
  }

  /**
   * Takes one row; returns false when a previous checkpoint already loaded it
   * (the caller drops it).
   */
  accept(row: Row): boolean {
    const value = row[this.cursorField];
    if (value === null || value === undefined) return true;
    if (this.skip.size > 0 && sameValue(value, this.skipCursor)) {
      const id = this.rowId(row);
      const left = this.skip.get(id);
      if (left !== undefined) {
        if (left <= 1) this.skip.delete(id);
        else this.skip.set(id, left - 1);
        return false;
      }
    }
    if (this.cursor === undefined || !sameValue(value, this.cursor)) {
      this.cursor = value;
      this.carried = [];
      this.ties = [];
      this.afterMode = false;
      this.lastTie = undefined;
    }
    if (this.afterMode) {
      this.lastTie = row;
    } else {
      this.ties.push(row);
      if (this.carried.length + this.ties.length > this.maxTieKeys) {
        this.afterMode = true;
        this.lastTie = row;
        this.carried = [];
        this.ties = [];
      }
    }
    return true;
  }

  /** The state to commit with the rows accepted so far; undefined before the first cursor value. */
  state(): CursorState | undefined {
    if (this.cursor === undefined) return undefined;
    if (!this.afterMode) return { cursor: this.cursor, keys: [...this.carried, ...this.ties.map((r) => this.rowId(r))] };
    if (this.primaryKey.length === 0) return { cursor: this.cursor, after: [] };
    const last = this.lastTie;
    return { cursor: this.cursor, after: last ? this.primaryKey.map((k) => last[k] ?? null) : (this.startAfter ?? []) };
  }
}

function countIds(ids: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const id of ids) m.set(id, (m.get(id) ?? 0) + 1);
  return m;
}
