/**
 * `GET /api/2/export?start=YYYYMMDDTHH&end=YYYYMMDDTHH`: the events uploaded
 * in the hours start..end (both included, by `server_upload_time`) that the
 * export has at the request's sandbox time, as a zip archive of gzipped NDJSON
 * files, `<project>/<project>_<YYYY-MM-DD>_<H>#<n>.json.gz` (several files per
 * hour when an hour holds more than `eventsPerFile`). An hour's events become
 * exportable over the 2 hours after it ends, so re-pulling a recent hour later
 * returns more. 400 for malformed or reversed parameters, a range over 365
 * days or an archive over the size limit (4 GB); 404 when the range has no data.
 */
import { gzipSync } from 'node:zlib';
import { zipSync, type Zippable } from 'fflate';
import type { SyntheticCompany } from '../company/synthetic-company.js';
import { DAY, HOUR } from '../duration.js';
import { eventsUploadedBetween, type ProductEvent } from './amplitude-activity.js';
import { renderEvent } from './amplitude-event-json.js';

/** Longest range one request may ask for (Amplitude: 365 days). */
export const MAX_RANGE_MS = 365 * DAY;

/** An export error, rendered as Amplitude's plain-text bodies. */
export class ExportError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ExportError';
  }
}

/** What the export needs besides the request. */
export interface ExportSettings {
  company: SyntheticCompany;
  /** The project's numeric id (file names, `app`). */
  project: number;
  /** Events per file before an hour is split (`#1`, `#2`...). */
  eventsPerFile: number;
  /** Largest archive before the request fails with 400 (bytes). */
  maxBytes: number;
}

/** Parses `YYYYMMDDTHH` (the hour may have one digit, as Amplitude accepts) to epoch ms. */
export function parseHour(name: string, value: string | null): number {
  if (value === null || value === '') throw new ExportError(400, `Missing required parameter: ${name}`);
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{1,2})$/.exec(value);
  const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4])) : Number.NaN;
  const check = new Date(ms);
  if (!m || Number.isNaN(ms) || check.getUTCDate() !== Number(m[3]) || check.getUTCHours() !== Number(m[4])) {
    throw new ExportError(400, `Invalid ${name} parameter '${value}': expected YYYYMMDDTHH, for example 20220201T05`);
  }
  return ms;
}

/** `YYYYMMDDTHH` of an hour (epoch ms). */
export function formatHour(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 13)}`;
}

/** The name of file `n` of the hour starting at `hour`. */
export function exportFileName(project: number, hour: number, n: number): string {
  const d = new Date(hour);
  return `${project}/${project}_${d.toISOString().slice(0, 10)}_${d.getUTCHours()}#${n}.json.gz`;
}

/** Whether the export has `e` at sandbox time `now`. */
export function exportable(e: ProductEvent, now: number): boolean {
  const hourEnd = Math.floor(e.upload / HOUR) * HOUR + HOUR;
  return hourEnd + e.loadDelay <= now;
}

/** Builds the archive for `url`'s range at `now`; `corrupt` spoils one event (fault injection). */
export function buildExport(settings: ExportSettings, url: URL, now: number, corrupt: boolean): Uint8Array {
  const start = parseHour('start', url.searchParams.get('start'));
  const end = parseHour('end', url.searchParams.get('end'));
  if (end < start) throw new ExportError(400, 'Invalid time range: end is before start');
  if (end + HOUR - start > MAX_RANGE_MS) throw new ExportError(400, 'Invalid time range: the maximum range is 365 days');
  const files: Zippable = {};
  let bytes = 0;
  let spoil = corrupt;
  const stop = Math.min(end + HOUR, Math.floor(now / HOUR) * HOUR);
  // Events are computed a chunk of hours at a time: a week at scale 1, shorter at larger scales (bounded memory).
  const chunk = Math.max(HOUR, Math.min(7 * DAY, Math.floor((7 * DAY) / settings.company.scale / HOUR) * HOUR));
  for (let from = start; from < stop; from += chunk) {
    const to = Math.min(from + chunk, stop);
    const events = eventsUploadedBetween(settings.company, from, to).filter((e) => exportable(e, now));
    let k = 0;
    while (k < events.length) {
      const hour = Math.floor((events[k] as ProductEvent).upload / HOUR) * HOUR;
      let j = k;
      while (j < events.length && (events[j] as ProductEvent).upload < hour + HOUR) j++;
      for (let n = 0; k < j; n++) {
        const part = events.slice(k, Math.min(j, k + settings.eventsPerFile));
        k += part.length;
        const lines = part.map((e) => {
          const record = renderEvent(settings.company, e, settings.project);
          if (spoil) {
            record['amplitude_id'] = 'corrupted';
            spoil = false;
          }
          return `${JSON.stringify(record)}\n`;
        });
        // node:zlib for the many small gzip files (fflate's sets up its tables per call), with a window no
        // larger than the text (setting up a 32 KB window dominates small files); fflate for the archive.
        const text = Buffer.from(lines.join(''));
        const gz = new Uint8Array(gzipSync(text, text.length < 4096 ? { windowBits: 12 } : {}));
        bytes += gz.length;
        if (bytes > settings.maxBytes) {
          throw new ExportError(400, `The export is larger than the ${settings.maxBytes}-byte limit; choose a smaller time range`);
        }
        // Already compressed: stored in the archive as is.
        files[exportFileName(settings.project, hour, n)] = [gz, { level: 0, mtime: hour }];
      }
    }
  }
  if (Object.keys(files).length === 0) throw new ExportError(404, 'Raw data files were not found.');
  return zipSync(files, { level: 0 });
}
