/**
 * The `events` stream: every event of the project, read by upload hour
 * (`server_upload_time`, the Export API's time axis). A run exports windows of
 * `window_hours` from `lookback_hours` before the saved `complete_before` (or
 * from `start_date`) up to the last hour that has ended on the server's clock
 * (its `Date` header). Amplitude loads an hour's events over the 2 hours after
 * it ends, so hours read earlier than that are read again next run; the state
 * moves only to the end of hours that were complete when read. Batches of up
 * to `batchSize` records are yielded as the archive streams in; the window's
 * last batch carries the new state.
 */
import { throwIfAborted } from '../../../core/errors.js';
import { fullJitterDelay } from '../../http/backoff.js';
import { HttpError } from '../../http/http-error.js';
import { sleep } from '../../http/sleep.js';
import type { ReadContext, RecordBatch, Stream } from '../../source.js';
import { readExportArchive } from './amplitude-archive.js';
import { exportHour, openExport, type ExportClient } from './amplitude-download.js';
import { parseAmplitudeState, toStreamState } from './amplitude-state.js';

const HOUR = 3_600_000;
/** Amplitude's documented export delay: an hour's data is complete this long after the hour ends. */
export const EXPORT_DELAY_MS = 2 * HOUR;

/** What the stream needs. */
export interface AmplitudeRuntime {
  client: ExportClient;
  /** First upload hour read (epoch ms). */
  startDate: number;
  windowHours: number;
  lookbackHours: number;
  /** Records per batch (the window's last batch may be smaller). */
  batchSize: number;
}

type Row = Record<string, unknown>;
/** What a window returns after its full batches: the server's clock and the records not yet yielded. */
interface WindowEnd {
  serverNow: number;
  rest: Row[];
}

const floorHour = (ms: number): number => Math.floor(ms / HOUR) * HOUR;

/** Builds the `events` stream (key `uuid`, write merge). */
export function createEventsStream(rt: AmplitudeRuntime): Stream {
  return {
    definition: { name: 'events', primaryKey: ['uuid'], cursorField: 'server_upload_time', write: 'merge', columns: { uuid: 'text' } },
    read: (context) => readEvents(rt, context),
  };
}

async function* readEvents(rt: AmplitudeRuntime, context: ReadContext): AsyncGenerator<RecordBatch> {
  const saved = context.fullRefresh ? undefined : parseAmplitudeState(context.state);
  const start = floorHour(rt.startDate);
  let completeBefore = saved?.completeBefore ?? start;
  let from = saved ? Math.max(start, saved.completeBefore - rt.lookbackHours * HOUR) : start;
  let horizon = Number.POSITIVE_INFINITY;
  if (saved) context.logger.info('amplitude: re-reading from the lookback', { from: new Date(from).toISOString(), completeBefore: new Date(saved.completeBefore).toISOString() });
  let span = rt.windowHours * HOUR;
  while (from < horizon) {
    throwIfAborted(context.signal);
    const to = Math.min(from + span, horizon);
    const window = readWindow(rt, from, to, context);
    let step: IteratorResult<Row[], WindowEnd>;
    try {
      step = await window.next();
    } catch (err) {
      // Amplitude answers 400 when the archive would exceed 4 GB: halve the window (for the rest of the run).
      if (!(err instanceof HttpError && err.status === 400 && to - from > HOUR)) throw err;
      span = Math.max(HOUR, Math.floor((to - from) / HOUR / 2) * HOUR);
      context.logger.warn('amplitude export too large; halving the window', { from: new Date(from).toISOString(), hours: span / HOUR, error: err.message });
      continue;
    }
    while (!step.done) {
      yield { kind: 'records', records: step.value };
      step = await window.next();
    }
    const { serverNow, rest } = step.value;
    horizon = floorHour(serverNow);
    completeBefore = Math.max(completeBefore, Math.min(to, floorHour(serverNow - EXPORT_DELAY_MS)));
    yield { kind: 'records', records: rest, state: toStreamState({ completeBefore }) };
    from = to;
  }
}

/**
 * Exports `[from, to)`; yields full batches and returns the remainder with the
 * server's clock. A body that breaks or stalls restarts the window (records
 * already yielded come again; the merge on `uuid` keeps one of each).
 */
async function* readWindow(rt: AmplitudeRuntime, from: number, to: number, context: ReadContext): AsyncGenerator<Row[], WindowEnd> {
  const label = `Amplitude export ${exportHour(from)}..${exportHour(to - HOUR)}`;
  for (let attempt = 1; ; attempt++) {
    const res = await openExport(rt.client, from, to, context.signal);
    const serverNow = res.serverNow ?? Date.now();
    if (res.status === 404 || !res.chunks) return { serverNow, rest: [] };
    let buffer: Row[] = [];
    let files = 0;
    try {
      for await (const piece of readExportArchive(res.chunks, label)) {
        files += piece.finished.length;
        for (const r of piece.records) {
          buffer.push(r);
          if (buffer.length >= rt.batchSize) {
            yield buffer;
            buffer = [];
          }
        }
      }
      context.logger.debug('amplitude window read', { from: new Date(from).toISOString(), to: new Date(to).toISOString(), files });
      return { serverNow, rest: buffer };
    } catch (err) {
      const transient = err instanceof HttpError && (err.code === 'HTTP_TIMEOUT' || err.code === 'HTTP_NETWORK');
      if (!transient || attempt >= rt.client.retry.maxAttempts) throw err;
      const delay = fullJitterDelay(attempt, rt.client.retry);
      context.logger.warn('amplitude export broke off; reading the window again', { window: label, attempt, error: err.message, delayMs: delay });
      await sleep(delay, context.signal);
    }
  }
}
