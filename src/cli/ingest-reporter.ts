import type { IngestEvent } from '../ingest/ingest-events.js';
import type { IngestSummary } from '../ingest/run-ingest.js';

const now = (): string => new Date().toISOString().slice(11, 19);
const fmt = (n: number): string => n.toLocaleString('en-US');

/**
 * Prints live ingest progress: a line when a stream starts, a progress line
 * per checkpoint at most every `intervalMs` per stream (rows, checkpoints,
 * rows/s), and a line when it ends.
 */
export function createIngestReporter(out: NodeJS.WritableStream, intervalMs = 1000) {
  const lastPrinted = new Map<string, number>();
  return (event: IngestEvent): void => {
    switch (event.type) {
      case 'stream_start':
        out.write(`${now()}  START ${event.connection}.${event.stream} -> ${event.table}\n`);
        break;
      case 'checkpoint': {
        const key = `${event.connection}.${event.stream}`;
        const t = Date.now();
        if (t - (lastPrinted.get(key) ?? 0) < intervalMs) break;
        lastPrinted.set(key, t);
        out.write(
          `${now()}  ${key}: ${fmt(event.rows)} rows, ${event.batches} checkpoint${event.batches === 1 ? '' : 's'}, ${fmt(Math.round(event.rowsPerSecond))} rows/s\n`,
        );
        break;
      }
      case 'stream_end': {
        const r = event.result;
        const s = r.summary;
        const detail = s ? `${fmt(s.rows)} rows, ${fmt(s.childRows)} child rows, ${fmt(s.rejected)} rejected` : '';
        out.write(
          `${now()}  ${r.status === 'succeeded' ? 'OK   ' : 'ERROR'} ${r.connection}.${r.stream}${detail ? ` (${detail})` : ''} in ${r.seconds.toFixed(2)}s${r.error ? `\n${now()}    ${r.error}` : ''}\n`,
        );
        break;
      }
      case 'connection_error':
        out.write(`${now()}  ERROR ${event.connection}: ${event.error}\n`);
        break;
    }
  };
}

/** The final summary table of an ingest run. */
export function formatIngestSummary(summary: IngestSummary): string {
  const header = ['stream', 'table', 'status', 'rows', 'child rows', 'rejected', 'deleted', 'seconds'];
  const rows = summary.streams.map((r) => [
    `${r.connection}.${r.stream}`,
    r.table,
    r.status,
    fmt(r.summary?.rows ?? 0),
    fmt(r.summary?.childRows ?? 0),
    fmt(r.summary?.rejected ?? 0),
    fmt(r.summary?.deleted ?? 0),
    r.seconds.toFixed(2),
  ]);
  for (const e of summary.connectionErrors) rows.push([e.connection, '', 'failed', '', '', '', '', '']);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i >= 3 ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join('  ');
  const out = [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
  const failed = summary.streams.filter((r) => r.status === 'failed').length + summary.connectionErrors.length;
  out.push(`${summary.streams.length} stream${summary.streams.length === 1 ? '' : 's'} in ${summary.seconds.toFixed(2)}s${failed ? `, ${failed} failed` : ''}`);
  return `${out.join('\n')}\n`;
}
