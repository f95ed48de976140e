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
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Follows the rows of one read (in `(cursor, key)` order): skips the rows a
 * previous checkpoint already loaded and yields the state after each chunk.
 */
export class CursorTracker {
  private cursor: unknown;
  private keys: string[] | undefined;
  private after: unknown[] | undefined;
  private readonly skip: Map<string, number>;
  private readonly skipCursor: unknown;

  constructor(
    private readonly cursorField: string,
    private readonly primaryKey: string[],
    start: CursorState | undefined,
    private readonly maxTieKeys: number = DEFAULT_MAX_TIE_KEYS,
  ) {
    this.cursor = start?.cursor;
    this.after = start?.after;
    this.keys = start?.after === undefined ? [...(start?.keys ?? [])] : undefined;
    this.skip = start?.after === undefined ? countIds(start?.keys ?? []) : new Map();
    this.skipCursor = start?.cursor;
  }

  /** The id of a row for tie tracking. */
  rowId(row: Record<string, unknown>): string {
    if (this.primaryKey.length > 0) return JSON.stringify(this.primaryKey.map((k) => row[k] ?? null));
    return createHash('sha1').update(JSON.stringify(row)).digest('base64url');
  }

  /**
   * Takes one row; returns false when a previous checkpoint already loaded it
   * (the caller drops it).
   */
  accept(row: Record<string, unknown>): boolean {
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
    if (this.cursor !== undefined && sameValue(value, this.cursor)) {
      this.addTie(row);
    } else {
      this.cursor = value;
      this.after = undefined;
      this.keys = [];
      this.addTie(row);
    }
    return true;
  }

  /** The state to commit with the rows accepted so far; undefined before the first cursor value. */
  state(): CursorState | undefined {
    if (this.cursor === undefined) return undefined;
    if (this.keys !== undefined) return { cursor: this.cursor, keys: [...this.keys] };
    return { cursor: this.cursor, after: this.after ?? [] };
  }

  private addTie(row: Record<string, unknown>): void {
    if (this.keys !== undefined) {
      this.keys.push(this.rowId(row));
      if (this.keys.length > this.maxTieKeys) {
        this.keys = undefined;
        this.after = this.primaryKey.length > 0 ? this.primaryKey.map((k) => row[k] ?? null) : [];
      }
    } else if (this.primaryKey.length > 0) {
      this.after = this.primaryKey.map((k) => row[k] ?? null);
    }
  }
}

function countIds(ids: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const id of ids) m.set(id, (m.get(id) ?? 0) + 1);
  return m;
}
