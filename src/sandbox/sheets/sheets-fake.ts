/**
 * The Google Sheets v4 fake, mounted at `/sheets`: spreadsheet metadata and
 * cell values (single range and batchGet, A1 notation, every render option)
 * of the synthetic company's hand-kept spreadsheets, behind Google bearer
 * auth (tokens from the sandbox's Google OAuth fake, or self-signed JWTs)
 * and the per-user read quota; and the write side (values.update, clear,
 * batchUpdate, batchClear, and spreadsheets.batchUpdate) on the editable "Basin exports" spreadsheet
 * (sheets-write-routes.ts), under the write scopes and write quota, its
 * accepted requests recorded (`received()`); `failWrites` fails chosen write
 * requests (a run broken midway). The official client reaches it with
 * `sheets({ version: 'v4', auth, rootUrl: '<sandbox>/sheets/' })`: Google's
 * clients keep only the host of `rootUrl`, so `/v4/spreadsheets/` is also
 * served at the server root.
 */
import { authorizeGoogleRequest } from '../google/google-tokens.js';
import { GoogleApiError, googleErrorResponse, googleFaultResponse } from '../google/google-errors.js';
import { createReceivedLog } from '../received-log.js';
import type { InjectedFault, ReceivedRequest, SandboxRequest, VendorContext, VendorFake } from '../vendor-fake.js';
import {
  SHEETS_ACCOUNT_MANAGERS_ID,
  SHEETS_MARKETING_SPEND_ID,
  SHEETS_REVENUE_TARGETS_ID,
  sandboxSpreadsheets,
} from './sheets-catalog.js';
import { createReadQuota, SHEETS_READS_PER_MINUTE_PER_USER } from './sheets-quota.js';
import { createExportsSpreadsheet, SHEETS_EXPORTS_ID } from './sheets-exports.js';
import { routeSheets } from './sheets-routes.js';
import { createWriteQuota, isSheetsWrite, routeSheetsWrite, SHEETS_WRITES_PER_MINUTE_PER_USER } from './sheets-write-routes.js';

/** OAuth scopes that allow reading spreadsheets (any one). */
export const SHEETS_READ_SCOPES = [
  'https://www.googleapis.com/auth/spreadsheets.readonly',
  'https://www.googleapis.com/auth/spreadsheets',
  'https://www.googleapis.com/auth/drive.readonly',
  'https://www.googleapis.com/auth/drive',
  'https://www.googleapis.com/auth/drive.file',
] as const;

/** OAuth scopes that allow writing spreadsheets (any one). */
export const SHEETS_WRITE_SCOPES = [
  'https://www.googleapis.com/auth/spreadsheets',
  'https://www.googleapis.com/auth/drive',
  'https://www.googleapis.com/auth/drive.file',
] as const;

/** Options of the Sheets fake. */
export interface SheetsFakeOptions {
  /** Read requests per minute per user (default Google's 60). */
  readsPerMinute?: number;
  /** Write requests per minute per user (default Google's 60). */
  writesPerMinute?: number;
  /** Wall clock the quota and token expiry run on (default Date.now). */
  wallClock?: () => number;
}

function segmentsOf(path: string): string[] {
  return path
    .split('/')
    .filter((s) => s !== '')
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
}

/** A planned write failure: the `nth` write request from now (1-based) and the `count - 1` after it are answered `status`. */
export interface WriteFailure {
  nth: number;
  count?: number;
  status?: number;
}

/** The Sheets fake: a VendorFake plus the record of accepted writes. */
export interface SheetsFake extends VendorFake {
  received(): readonly ReceivedRequest[];
  resetReceived(): void;
  /** Fails write requests as planned (tests: a failure midway through a run); undefined cancels the plan. */
  failWrites(plan: WriteFailure | undefined): void;
}

/** Builds the Sheets fake. */
export function createSheetsFake(context: VendorContext, options: SheetsFakeOptions = {}): SheetsFake {
  const wallClock = options.wallClock ?? Date.now;
  const exportsSheet = createExportsSpreadsheet();
  const spreadsheets = new Map([...sandboxSpreadsheets(context.company), exportsSheet].map((s) => [s.spreadsheetId, s]));
  const writeQuota = createWriteQuota(options.writesPerMinute ?? SHEETS_WRITES_PER_MINUTE_PER_USER, wallClock);
  const log = createReceivedLog();
  const quota = createReadQuota(options.readsPerMinute ?? SHEETS_READS_PER_MINUTE_PER_USER, wallClock);
  const logger = context.logger.child({ vendor: 'sheets' });
  let failure: { from: number; to: number; status: number } | undefined;
  let writes = 0;
  const plannedFailure = (): void => {
    writes++;
    if (failure && writes >= failure.from && writes < failure.to) {
      throw new GoogleApiError(failure.status, `Injected failure of write request ${writes - failure.from + 1} of the plan.`);
    }
  };

  const serve = (request: SandboxRequest): Response | undefined => {
    const segments = segmentsOf(request.path);
    if (segments[0] !== 'v4') return undefined;
    try {
      if (isSheetsWrite(request.method, segments)) {
        const grant = authorizeGoogleRequest(request.headers, SHEETS_WRITE_SCOPES, wallClock());
        writeQuota.admit(grant.principal);
        plannedFailure();
        const written = routeSheetsWrite({
          method: request.method,
          segments,
          params: request.url.searchParams,
          body: request.body,
          now: request.now,
          spreadsheet: (id) => spreadsheets.get(id),
          writable: (id) => (id === exportsSheet.spreadsheetId ? exportsSheet : undefined),
        });
        log.record(request, 200);
        return Response.json(written);
      }
      const grant = authorizeGoogleRequest(request.headers, SHEETS_READ_SCOPES, wallClock());
      quota.admit(grant.principal);
      const body = routeSheets({
        method: request.method,
        segments,
        params: request.url.searchParams,
        now: request.now,
        malformed: request.malformed,
        spreadsheet: (id) => spreadsheets.get(id),
      });
      if (body === undefined) throw new GoogleApiError(404, 'Requested entity was not found.');
      return Response.json(body);
    } catch (err) {
      if (err instanceof GoogleApiError) return googleErrorResponse(err);
      logger.error('sheets fake failed', { path: request.path, error: (err as Error).message });
      return googleErrorResponse(new GoogleApiError(500, 'Internal error encountered.'));
    }
  };

  return {
    name: 'sheets',
    prefix: 'sheets',
    rootPaths: ['/v4/spreadsheets/'],
    credentials: {
      revenue_targets_spreadsheet_id: SHEETS_REVENUE_TARGETS_ID,
      account_managers_spreadsheet_id: SHEETS_ACCOUNT_MANAGERS_ID,
      marketing_spend_spreadsheet_id: SHEETS_MARKETING_SPEND_ID,
      exports_spreadsheet_id: SHEETS_EXPORTS_ID,
    },
    handle(request) {
      const response = serve(request);
      return response ? Promise.resolve(response) : undefined;
    },
    renderFault(fault: InjectedFault) {
      return googleFaultResponse(fault.kind, fault.retryAfterSeconds, 'sheets.googleapis.com');
    },
    received: () => log.list(),
    resetReceived: () => log.reset(),
    failWrites(plan) {
      writes = 0;
      failure = plan ? { from: plan.nth, to: plan.nth + (plan.count ?? 1), status: plan.status ?? 500 } : undefined;
    },
  };
}
