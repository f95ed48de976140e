/**
 * The Google Sheets destination: a sync's model written to one sheet (tab)
 * of a spreadsheet, header first, from the start cell `object:` names. A
 * sheet holds a whole table, not records by key (`capabilities.replace`):
 * a run that finds any change rewrites it, atomically as the target sheet's
 * readers see it. `replace` reads the spreadsheet's sheets (spreadsheets.get),
 * converts every value (sheet-table.ts; an unwritable table, a missing sheet
 * or a start cell outside the grid fails here, before anything is sent),
 * then (sheet-staging.ts): adds a hidden staging sheet (deleting staging
 * sheets a crashed run left for this target in the same request), writes
 * the header and rows there at the start cell (values:batchUpdate, ≤ 2 MB
 * each), and swaps them in with ONE spreadsheets.batchUpdate, which Google
 * applies all or nothing: clear the owned range's values, paste the staged
 * table, delete the staging sheet. The target sheet keeps its id, so charts
 * and formulas elsewhere pointing at it keep working. A failure before the
 * swap leaves the target sheet as it was (the staging sheet is deleted, best
 * effort, else by the next run) and throws; the runner counts every row
 * failed and the next run writes the table again. Every request is safe to
 * resend, so 429, 5xx and network errors are retried within the write quota.
 */
import { BasinError, errorMessage } from '../../../core/errors.js';
import type { Logger } from '../../../core/logger.js';
import { googleServiceAccount, HttpError, type HttpClient } from '../../../ingest/http/index.js';
import type { DestinationContext, DestinationFactory, DestinationWriter } from '../../destination.js';
import { budgetOf, destinationClient } from '../destination-http.js';
import {
  googleSheetsDestinationConfigSchema,
  SHEETS_MAX_CELLS,
  SHEETS_SCOPE,
  SHEETS_WRITE_BUDGET,
  type GoogleSheetsDestinationConfig,
} from './google-sheets-destination-config.js';
import { sheetTable } from './sheet-table.js';
import { stagedReplace, type SheetProperties } from './sheet-staging.js';
import { cellName, parseSheetTarget, type SheetTarget } from './sheet-target.js';


function clientOf(config: GoogleSheetsDestinationConfig, context: DestinationContext): HttpClient {
  return destinationClient({
    baseUrl: config.base_url,
    auth: googleServiceAccount({ key: config.credentials, scopes: [SHEETS_SCOPE] }),
    budget: budgetOf(context, config.rate_limit, SHEETS_WRITE_BUDGET),
    context,
    timeoutMs: config.timeout * 1000,
  });
}

/**
 * Runs `work`, making its failures say what to do: a 403 names the service
 * account to share the spreadsheet with, a 404 the spreadsheet id; a failed token exchange (an error
 * of google-auth-library, whose details hold the signed assertion) becomes a
 * message without the key or the assertion.
 */
async function explained<T>(config: GoogleSheetsDestinationConfig, signal: AbortSignal | undefined, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (signal?.aborted && !(err instanceof BasinError)) throw new BasinError('ABORTED', 'operation was cancelled', { cause: signal.reason });
    const email = config.credentials.client_email;
    const hint =
      err instanceof HttpError && err.status === 403
        ? ` (share spreadsheet ${config.spreadsheet_id} with ${email} as Editor, and enable the Sheets API in its project)`
        : err instanceof HttpError && err.status === 404
          ? ` (no spreadsheet ${config.spreadsheet_id}: check spreadsheet_id)`
          : undefined;
    if (err instanceof HttpError && hint !== undefined) {
      throw new HttpError('HTTP_STATUS', `${err.message}${hint}`, { url: err.url, method: err.method, status: err.status, bodyExcerpt: err.bodyExcerpt, attempts: err.attempts }, { cause: err });
    }
    if (err instanceof BasinError) throw err;
    const message = errorMessage(err).split(config.credentials.private_key).join('***');
    throw new BasinError('HTTP_STATUS', `Google did not issue an access token to ${email}: ${message}`);
  }
}

const spreadsheetPath = (id: string): string => `/v4/spreadsheets/${encodeURIComponent(id)}`;

/** The spreadsheet's sheets (id, title, index and grid size), by title. */
async function sheetsOf(client: HttpClient, id: string, signal: AbortSignal | undefined): Promise<Map<string, SheetProperties>> {
  const body = await client.getJson<{ sheets?: Array<{ properties?: SheetProperties }> }>(
    { url: spreadsheetPath(id), query: { fields: 'spreadsheetId,sheets.properties(sheetId,title,index,gridProperties(rowCount,columnCount))' } },
    { signal },
  );
  return new Map((body.sheets ?? []).map((s) => [s.properties?.title ?? '', s.properties ?? {}]));
}

/** The sheet named by the target; CONFIG_INVALID naming it (and the sheets there are) when the spreadsheet has none of that name. */
function sheetNamed(sheets: ReadonlyMap<string, SheetProperties>, target: SheetTarget, id: string): SheetProperties {
  const found = sheets.get(target.sheet);
  if (found) return found;
  const names = [...sheets.keys()].map((n) => `"${n}"`).join(', ');
  throw new BasinError('CONFIG_INVALID', `spreadsheet ${id} has no sheet "${target.sheet}" (its sheets: ${names || 'none'}); add the sheet or fix object:`);
}

async function replaceSheet(
  client: HttpClient,
  config: GoogleSheetsDestinationConfig,
  target: SheetTarget,
  table: ReturnType<typeof sheetTable>,
  options: { signal: AbortSignal | undefined; logger: Logger },
): Promise<void> {
  const { signal } = options;
  const id = config.spreadsheet_id;
  const sheets = await sheetsOf(client, id, signal);
  const sheet = sheetNamed(sheets, target, id);
  const grid = { rows: sheet.gridProperties?.rowCount ?? 0, columns: sheet.gridProperties?.columnCount ?? 0 };
  if (target.row >= grid.rows || target.column >= grid.columns) {
    // Sheets refuses writes starting past the grid ("exceeds grid limits"); say so before changing anything.
    const cell = cellName(target.row, target.column);
    throw new BasinError('CONFIG_INVALID', `object: start cell ${cell} lies outside sheet "${target.sheet}" (${grid.rows} rows, ${grid.columns} columns); start inside the sheet or add rows/columns to it`);
  }
  // A resent batch would fail (the sheet it adds exists, the one it deletes is gone): retried only when unprocessed (429, 503).
  const batchUpdate = async (requests: unknown[]): Promise<unknown> =>
    (await client.request({ method: 'POST', url: `${spreadsheetPath(id)}:batchUpdate`, json: { requests } }, { signal, idempotent: false })).json();
  const writeValues = (range: string, rows: unknown[][]): Promise<unknown> =>
    client.request(
      { method: 'POST', url: `${spreadsheetPath(id)}/values:batchUpdate`, json: { valueInputOption: config.value_input_option, data: [{ range, majorDimension: 'ROWS', values: rows }] } },
      { signal, idempotent: true },
    );
  await stagedReplace({ target, sheet, sheets: [...sheets.values()], table, option: config.value_input_option, batchUpdate, writeValues, logger: options.logger });
}

export const googleSheetsDestination: DestinationFactory<GoogleSheetsDestinationConfig> = {
  type: 'google_sheets',
  configSchema: googleSheetsDestinationConfigSchema,
  open(config, target, context): DestinationWriter {
    const sheetTarget = parseSheetTarget(target.object);
    if (target.keyField !== undefined) {
      throw new BasinError('CONFIG_INVALID', `destination_key: ${target.keyField}: a sheet has no key field (it is rewritten whole); remove destination_key`);
    }
    const client = clientOf(config, context);
    return {
      capabilities: { ops: ['upsert', 'delete'], maxBatch: SHEETS_MAX_CELLS, rateLimit: SHEETS_WRITE_BUDGET, replace: true },
      write() {
        return Promise.reject(new BasinError('INTERNAL', `google_sheets destination (${target.object}): a sheet is only rewritten whole (replace), never written by record`));
      },
      async replace(records, { fields, signal }) {
        const table = sheetTable(records, fields, config.value_input_option);
        await explained(config, signal, () => replaceSheet(client, config, sheetTarget, table, { signal, logger: context.logger }));
      },
    };
  },
  async check(config, context) {
    const client = clientOf(config, context);
    const sheets = await explained(config, context.signal, () => sheetsOf(client, config.spreadsheet_id, context.signal));
    if (sheets.size === 0) throw new BasinError('CONFIG_INVALID', `spreadsheet ${config.spreadsheet_id} has no sheets`);
  },
};
