/**
 * Reads a list endpoint's records modified since a time, oldest change
 * first (`modifiedSince`, `sortField=modifiedAt`, `sortOrder=asc`).
 *
 * Help Scout pages by page number, and a record modified while a run pages
 * moves to the end of the listing, shifting every later record one place
 * back: walking page 2, 3, ... could skip a record. So the reader walks by
 * time instead (keyset): after a page it asks again from the latest
 * modification it read (page 1), skipping the ids already read at that
 * second; it only turns to the next page when a whole page shares one
 * second. `modifiedSince` is sent one second early, so it does not matter
 * whether the API compares with `>` or `>=`.
 *
 * Each page yields its records and the high-water mark: the latest
 * modification read, before which (the listing being in ascending order)
 * every change has been read.
 */
import { throwIfAborted } from '../../../core/errors.js';
import type { QueryValue } from '../../http/http-request.js';
import { fetchHalPage, isoSeconds, timeOf, type HelpScoutObject, type HelpScoutRuntime } from './help-scout-api.js';

/** What to read. */
export interface ModifiedListing {
  path: string;
  /** The `_embedded` key (`conversations`). */
  name: string;
  /** The record field holding the modification time (`updatedAt`, `userUpdatedAt`). */
  cursorField: string;
  /** Other query parameters (`status=all`, `embed=threads`). */
  query: Record<string, QueryValue>;
}

/** One page's records (raw) and the high-water mark after it (epoch ms; undefined until a record was read). */
export interface ModifiedPage {
  records: HelpScoutObject[];
  mark: number | undefined;
}

/** Pages through the records modified at or after `since` (everything when undefined). */
export async function* readModified(
  rt: HelpScoutRuntime,
  listing: ModifiedListing,
  since: number | undefined,
  signal: AbortSignal,
): AsyncGenerator<ModifiedPage> {
  let from = since;
  let mark = since;
  let seen = new Set<string>();
  let page = 1;
  for (;;) {
    throwIfAborted(signal);
    const query = {
      ...listing.query,
      sortField: 'modifiedAt',
      sortOrder: 'asc',
      modifiedSince: from === undefined ? undefined : isoSeconds(from - 1000),
      page,
    };
    const result = await fetchHalPage(rt, listing.path, listing.name, query, signal);
    const records: HelpScoutObject[] = [];
    for (const r of result.records) {
      const id = String(r['id']);
      const t = timeOf(r, listing.cursorField);
      if (Number.isNaN(t)) {
        records.push(r);
        continue;
      }
      if ((from !== undefined && t < from) || (t === mark && seen.has(id))) continue;
      records.push(r);
      if (mark === undefined || t > mark) {
        mark = t;
        seen = new Set([id]);
      } else if (t === mark) seen.add(id);
    }
    yield { records, mark };
    if (result.records.length === 0 || result.number >= result.totalPages) return;
    if (mark !== undefined && (from === undefined || mark > from)) {
      from = mark;
      page = 1;
    } else page++;
  }
}
