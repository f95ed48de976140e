import { z } from 'zod';
import { googleCredentialsSchema } from '../../http/auth/google-credentials-schema.js';

/**
 * The `config:` block of a `type: google_sheets` connection. `credentials`
 * is a Google service-account key file (secret: pass it as
 * `${env:GOOGLE_SHEETS_KEY}`), as a JSON object or its text; each entry of
 * `spreadsheets` is one stream (a table) read from one A1 range.
 * `rate_limit` defaults to the Sheets API's documented read quota per user:
 * 60 requests per minute.
 */
const credentials = googleCredentialsSchema;

/** A stream name: it becomes a table name. */
const streamName = z.string().regex(/^[a-z_][a-z0-9_]*$/, 'expected a lower-case table name (letters, digits, underscores)');

const sheetStream = z.strictObject({
  name: streamName,
  spreadsheet_id: z.string().regex(/^[A-Za-z0-9_-]+$/, 'expected a spreadsheet id (the part of its URL after /d/)'),
  range: z.string().min(1),
  header_row: z.number().int().positive().default(1),
});

const rateLimit = z.strictObject({
  requests: z.number().int().positive().default(60),
  interval_seconds: z.number().positive().default(60),
});

export const googleSheetsConfigSchema = z.strictObject({
  credentials,
  base_url: z.url().default('https://sheets.googleapis.com'),
  spreadsheets: z
    .array(sheetStream)
    .min(1)
    .superRefine((streams, ctx) => {
      const seen = new Set<string>();
      streams.forEach((s, k) => {
        if (seen.has(s.name)) ctx.addIssue({ code: 'custom', path: [k, 'name'], message: `stream name "${s.name}" is used twice` });
        seen.add(s.name);
      });
    }),
  value_render: z.enum(['UNFORMATTED_VALUE', 'FORMATTED_VALUE', 'FORMULA']).default('UNFORMATTED_VALUE'),
  date_time_render: z.enum(['SERIAL_NUMBER', 'FORMATTED_STRING']).default('SERIAL_NUMBER'),
  rate_limit: rateLimit.default({ requests: 60, interval_seconds: 60 }),
});
export type GoogleSheetsConfig = z.infer<typeof googleSheetsConfigSchema>;
/** One configured sheet stream. */
export type SheetStreamConfig = GoogleSheetsConfig['spreadsheets'][number];
