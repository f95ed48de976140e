/**
 * Lists synthetic objects newest first without materializing them.
 *
 * A collection (Stripe invoices, events, ...) is a set of *lanes*. A lane
 * holds at most one object per organization, created at a fixed offset from
 * the organization's signup ("the invoice of period 3", "the cancellation in
 * period 5"), so within a lane creation time is strictly increasing in the
 * organization index. A page is a k-way merge of the lanes, each walked from
 * a binary-searched start: the cost of a page depends on the page size and
 * the number of lanes, not on the size of the collection.
 *
 * Objects are ordered by (time, lane key, index), newest first; a cursor is
 * the position of an object, so it stays valid when the object disappears.
 */
import type { SyntheticCompany } from '../company/synthetic-company.js';

/** One slot of a collection: an object per organization at a fixed offset from its signup. */
export interface Lane {
  /** Unique within the collection, < 2^16 (encoded in ids; breaks time ties). */
  key: number;
  /** Creation time = organization signup + offset (ms, >= 0). */
  offset: number;
  /** Whether organization `index`'s object exists at `now` (time <= now is already checked). */
  exists(index: number, now: number): boolean;
}

/** Where an object sits in list order. */
export interface LanePosition {
  time: number;
  key: number;
  index: number;
}

/** One listed object. */
export interface LaneItem extends LanePosition {
  lane: Lane;
}

/** What to list. */
export interface LaneQuery {
  /** Current sandbox time (ms): nothing created later is listed. */
  now: number;
  limit: number;
  /** Only objects created at or after this time (ms). */
  from?: number;
  /** Only objects created before this time (ms). */
  to?: number;
  /** `starting_after`: only objects older than this position. */
  after?: LanePosition;
  /** `ending_before`: only objects newer than this position (the page nearest to it). */
  before?: LanePosition;
  /** Only organizations with index in [lo, hi). */
  indexes?: [number, number];
}

/** A page, newest first. */
export interface LanePage {
  items: LaneItem[];
  /** More objects exist past this page in the direction of travel. */
  hasMore: boolean;
}

/** Upper bound on index probes per page, so a pathological query fails instead of spinning. */
const MAX_PROBES = 5_000_000;

function compare(a: LanePosition, b: LanePosition): number {
  return a.time - b.time || a.key - b.key || a.index - b.index;
}

/** Lists a page of `lanes` over `company`'s organizations. */
export function listLanes(company: SyntheticCompany, lanes: readonly Lane[], query: LaneQuery): LanePage {
  const descending = query.before === undefined;
  const upper = Math.min(query.now, (query.to ?? Infinity) - 1);
  const from = query.from ?? -Infinity;
  let probes = 0;

  interface Cursor {
    lane: Lane;
    next: number;
    stop: number;
  }
  const cursors: Cursor[] = [];
  for (const lane of lanes) {
    const at = (i: number): LanePosition => ({ time: company.createdAt(i) + lane.offset, key: lane.key, index: i });
    let lo = from === -Infinity ? 0 : company.countAt(from - 1 - lane.offset);
    let hi = company.countAt(upper - lane.offset);
    if (query.indexes) {
      lo = Math.max(lo, query.indexes[0]);
      hi = Math.min(hi, query.indexes[1]);
    }
    if (lo >= hi) continue;
    // First index in [lo, hi) whose position is >= / > the cursor (positions increase with the index).
    const firstAtOrAfter = (p: LanePosition, strict: boolean): number => {
      let a = lo;
      let b = hi;
      while (a < b) {
        const m = Math.floor((a + b) / 2);
        const c = compare(at(m), p);
        if (c > 0 || (!strict && c === 0)) b = m;
        else a = m + 1;
      }
      return a;
    };
    if (descending) {
      const top = query.after ? firstAtOrAfter(query.after, false) : hi;
      if (top > lo) cursors.push({ lane, next: top - 1, stop: lo - 1 });
    } else {
      const bottom = firstAtOrAfter(query.before as LanePosition, true);
      if (bottom < hi) cursors.push({ lane, next: bottom, stop: hi });
    }
  }

  const step = descending ? -1 : 1;
  // Moves a cursor to its next existing object; returns false when the lane is exhausted.
  const settle = (c: Cursor): boolean => {
    while (c.next !== c.stop) {
      if (++probes > MAX_PROBES) throw new Error('sandbox list scanned too many objects');
      if (c.lane.exists(c.next, query.now)) return true;
      c.next += step;
    }
    return false;
  };
  let live = cursors.filter(settle);
  const items: LaneItem[] = [];
  const want = query.limit + 1;
  while (items.length < want && live.length > 0) {
    let best: LaneItem | undefined;
    let bestCursor = -1;
    for (let k = 0; k < live.length; k++) {
      const c = live[k] as Cursor;
      const item = { lane: c.lane, key: c.lane.key, index: c.next, time: company.createdAt(c.next) + c.lane.offset };
      if (best === undefined || (descending ? compare(item, best) > 0 : compare(item, best) < 0)) {
        best = item;
        bestCursor = k;
      }
    }
    if (!best) break;
    items.push(best);
    const c = live[bestCursor] as Cursor;
    c.next += step;
    if (!settle(c)) live = live.filter((_, k) => k !== bestCursor);
  }
  const hasMore = items.length > query.limit;
  const page = items.slice(0, query.limit);
  if (!descending) page.reverse();
  return { items: page, hasMore };
}
