/**
 * One `values:batchGet` per spreadsheet per run: the first stream of a
 * spreadsheet to read fetches every configured range of it, and the others
 * take their range from the same answer. An answer is dropped once each of
 * its streams took its part (and `reset` drops everything at a new run), so
 * every run reads fresh values.
 */
import { BasinError } from '../../../core/errors.js';
import { batchGetValues, type SheetsRuntime } from './google-sheets-api.js';
import type { SheetStreamConfig } from './google-sheets-config.js';
import type { ValueRange } from './sheet-records.js';

interface Pending {
  answer: Promise<ValueRange[]>;
  waiting: Set<string>;
}

/** Shares batchGet answers between the streams of one spreadsheet. */
export class BatchGetCache {
  private readonly groups = new Map<string, SheetStreamConfig[]>();
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly rt: SheetsRuntime,
    streams: readonly SheetStreamConfig[],
  ) {
    for (const s of streams) this.groups.set(s.spreadsheet_id, [...(this.groups.get(s.spreadsheet_id) ?? []), s]);
  }

  /** Forgets every answer (a new run starts). */
  reset(): void {
    this.pending.clear();
  }

  /** The values of `stream`'s range. */
  async values(stream: SheetStreamConfig, signal: AbortSignal): Promise<ValueRange> {
    const group = this.groups.get(stream.spreadsheet_id) ?? [stream];
    let entry = this.pending.get(stream.spreadsheet_id);
    if (!entry || !entry.waiting.has(stream.name)) {
      const answer = batchGetValues(this.rt, stream.spreadsheet_id, group.map((s) => s.range), signal);
      entry = { answer, waiting: new Set(group.map((s) => s.name)) };
      this.pending.set(stream.spreadsheet_id, entry);
      // A failed fetch is not kept: the next stream tries again.
      answer.catch(() => {
        if (this.pending.get(stream.spreadsheet_id) === entry) this.pending.delete(stream.spreadsheet_id);
      });
    }
    entry.waiting.delete(stream.name);
    if (entry.waiting.size === 0 && this.pending.get(stream.spreadsheet_id) === entry) this.pending.delete(stream.spreadsheet_id);
    const ranges = await entry.answer;
    const index = group.findIndex((s) => s.name === stream.name);
    const range = ranges[index];
    if (!range) throw new BasinError('INTERNAL', `no values for stream ${stream.name}`);
    return range;
  }
}
