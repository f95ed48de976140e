/**
 * `type: google_sheets`: ranges of Google Sheets spreadsheets as tables,
 * read with a service account through the Sheets API v4 (one
 * `values:batchGet` per spreadsheet per run).
 */
import { errorMessage } from '../../../core/errors.js';
import { googleServiceAccount } from '../../http/auth/google-service-account.js';
import { createHttpClient, type RetryOptions } from '../../http/http-client.js';
import { HttpError } from '../../http/http-error.js';
import type { CheckResult, Source, SourceFactory } from '../../source.js';
import { BatchGetCache } from './batch-get-cache.js';
import { fetchSpreadsheet, type SheetsRuntime } from './google-sheets-api.js';
import { googleSheetsConfigSchema, type GoogleSheetsConfig } from './google-sheets-config.js';
import { parseSheetStreamSettings } from './google-sheets-stream-settings.js';
import { createSheetStream } from './google-sheets-stream.js';
import { sheetOfRange } from './sheet-range.js';

/** The OAuth scope the connector asks for. */
export const SHEETS_READONLY_SCOPE = 'https://www.googleapis.com/auth/spreadsheets.readonly';

/** Settings that are not config (tests). */
export interface GoogleSheetsSourceOptions {
  retry?: Partial<RetryOptions> | undefined;
}

/** A `type: google_sheets` factory; `googleSheetsSource` is the default one. */
export function createGoogleSheetsSource(options: GoogleSheetsSourceOptions = {}): SourceFactory<GoogleSheetsConfig> {
  return {
    type: 'google_sheets',
    configSchema: googleSheetsConfigSchema,
    create(config, context): Source {
      const key = config.credentials;
      const client = createHttpClient({
        baseUrl: config.base_url,
        auth: googleServiceAccount({ key, scopes: [SHEETS_READONLY_SCOPE] }),
        rateLimit: { requests: config.rate_limit.requests, intervalMs: config.rate_limit.interval_seconds * 1000 },
        retry: options.retry,
        logger: context.logger,
      });
      const rt: SheetsRuntime = { client, valueRender: config.value_render, dateTimeRender: config.date_time_render, logger: context.logger };
      const cache = new BatchGetCache(rt, config.spreadsheets);
      const hide = (text: string): string => text.split(key.private_key).join('***');
      return {
        type: 'google_sheets',
        check: (signal) => checkSpreadsheets(rt, config, key.client_email, signal, hide),
        async streams() {
          cache.reset();
          return config.spreadsheets.map((s) => createSheetStream(s, parseSheetStreamSettings(s.name, context.streams[s.name]), cache));
        },
      };
    },
  };
}

async function checkSpreadsheets(
  rt: SheetsRuntime,
  config: GoogleSheetsConfig,
  email: string,
  signal: AbortSignal,
  hide: (text: string) => string,
): Promise<CheckResult> {
  const ids = [...new Set(config.spreadsheets.map((s) => s.spreadsheet_id))];
  const seen: string[] = [];
  for (const id of ids) {
    try {
      const info = await fetchSpreadsheet(rt, id, signal);
      const lower = info.sheets.map((t) => t.toLowerCase());
      for (const s of config.spreadsheets.filter((x) => x.spreadsheet_id === id)) {
        // A bare name may be a named range, which only the values call resolves: only `Sheet!...` is verified.
        const sheet = s.range.includes('!') ? sheetOfRange(s.range) : undefined;
        if (sheet !== undefined && !lower.includes(sheet.toLowerCase())) {
          return { ok: false, message: `stream ${s.name}: spreadsheet "${info.title}" has no sheet "${sheet}" (sheets: ${info.sheets.join(', ')})` };
        }
      }
      seen.push(`"${info.title}"`);
    } catch (err) {
      return { ok: false, message: checkFailure(err, id, email, hide) };
    }
  }
  return { ok: true, message: `Google Sheets reachable: ${seen.join(', ')} readable by ${email}` };
}

function checkFailure(err: unknown, id: string, email: string, hide: (text: string) => string): string {
  if (err instanceof HttpError && err.status === 401) return 'Google rejected the service account credentials (401): check credentials';
  if (err instanceof HttpError && err.status === 403) {
    return `spreadsheet ${id}: ${email} cannot open it (403): share the spreadsheet with the service account (Viewer), and enable the Sheets API in its project`;
  }
  if (err instanceof HttpError && err.status === 404) return `spreadsheet ${id} not found (404): check spreadsheet_id`;
  return `Google Sheets check failed for spreadsheet ${id}: ${hide(errorMessage(err))}`;
}

/** `type: google_sheets`: configured ranges of spreadsheets, each a table replaced at every run. */
export const googleSheetsSource: SourceFactory<GoogleSheetsConfig> = createGoogleSheetsSource();
