/** The `config:` of a `type: google_sheets` destination, and the Sheets API's documented limits it writes within. */
import { z } from 'zod';
import { googleCredentialsSchema } from '../../../ingest/http/auth/google-credentials-schema.js';
import { rateLimitSchema, type Budget } from '../destination-http.js';

export const googleSheetsDestinationConfigSchema = z.strictObject({
  /** A service-account key file (JSON text or mapping); pass it as `${env:GOOGLE_SERVICE_ACCOUNT_JSON}`. Share the spreadsheet with its e-mail as Editor. */
  credentials: googleCredentialsSchema,
  /** The spreadsheet written to: the part of its URL after `/d/`. */
  spreadsheet_id: z.string().regex(/^[A-Za-z0-9_-]+$/, 'expected a spreadsheet id (the part of its URL after /d/)'),
  base_url: z.url().default('https://sheets.googleapis.com'),
  rate_limit: rateLimitSchema.optional(),
  /** RAW stores values as they are; USER_ENTERED parses text as typed into the Sheets UI (numbers, dates, formulas). */
  value_input_option: z.enum(['RAW', 'USER_ENTERED']).default('RAW'),
  /** Seconds one request may take. */
  timeout: z.number().positive().default(60),
});
export type GoogleSheetsDestinationConfig = z.infer<typeof googleSheetsDestinationConfigSchema>;

/** Google's documented write quota: 60 write requests per minute per user per project. */
export const SHEETS_WRITE_BUDGET: Budget = { requests: 60, perSeconds: 60 };

/** The OAuth scope of reading and editing spreadsheets. */
export const SHEETS_SCOPE = 'https://www.googleapis.com/auth/spreadsheets';

/** Google's cell limit of one spreadsheet (10 million cells): no table larger than this can be written. */
export const SHEETS_MAX_CELLS = 10_000_000;

/** Google's limit of characters in one cell. */
export const SHEETS_MAX_CELL_CHARS = 50_000;

/**
 * Bytes of values per write request: Google recommends payloads of at most
 * 2 MB (requests above 10 MB are refused), so big tables are written in
 * several requests of this size.
 */
export const SHEETS_MAX_REQUEST_BYTES = 2_000_000;
