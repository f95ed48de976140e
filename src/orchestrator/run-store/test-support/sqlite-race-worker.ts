/**
 * A separate process racing on one SQLite run store, for
 * sqlite-run-store.test.ts: `tsx sqlite-race-worker.ts <file> <job> <ticks>
 * <runId> <startAtMs>`. Migrates, waits until startAtMs so every worker starts
 * together, then claims `ticks` hourly ticks of `job` and appends 20 batches of
 * 3 events to `runId`, all at once. Prints `{ won: number[], seqs: number[][] }`.
 */
import { silentLogger } from '../../../core/logger.js';
import { createSqliteRunStore } from '../sqlite-run-store.js';

const [file, job, tickCount, runId, startAt] = process.argv.slice(2);
const store = await createSqliteRunStore({ path: file!, logger: silentLogger });
await store.migrate();
await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startAt) - Date.now())));

const ticks = Array.from({ length: Number(tickCount) }, (_, i) => new Date(Date.parse('2026-06-01T00:00:00Z') + i * 3_600_000));
const [claims, batches] = await Promise.all([
  Promise.all(ticks.map((tick) => store.claimScheduledRun(job!, tick, { selector: [], owner: String(process.pid) }))),
  Promise.all(
    Array.from({ length: 20 }, (_, b) =>
      store.appendEvents(runId!, [0, 1, 2].map((i) => ({ level: 'info' as const, type: 'log', message: `${process.pid}.${b}.${i}` }))),
    ),
  ),
]);
await store.close();
process.stdout.write(JSON.stringify({ won: claims.flatMap((won, i) => (won ? [i] : [])), seqs: batches.map((batch) => batch.map((e) => e.seq)) }));
