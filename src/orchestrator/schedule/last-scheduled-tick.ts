/**
 * The latest tick of a job claimed in the run store (by any scheduler), read
 * with listRuns by job: runs are newest-created first, and ticks are claimed
 * in order, so the newest page holding scheduled runs has the latest tick.
 * Manual runs of the job (no scheduledFor) are passed over.
 */
import type { RunStore } from '../run-store/run-store.js';

const PAGE = 100;
const MAX_PAGES = 10;

/** The latest `scheduledFor` among `job`'s runs, or undefined when it never ran on schedule. */
export async function lastScheduledTick(store: RunStore, job: string): Promise<Date | undefined> {
  let before: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const { runs, nextCursor } = await store.listRuns({ job, limit: PAGE, ...(before ? { before } : {}) });
    let latest: Date | undefined;
    for (const run of runs) if (run.scheduledFor && (!latest || run.scheduledFor > latest)) latest = run.scheduledFor;
    if (latest || !nextCursor) return latest;
    before = nextCursor;
  }
  return undefined;
}
