/**
 * Per-stream settings of a google_sheets stream (the `streams:` block of
 * sources/*.yml): an optional primary key and column types. A column typed
 * `date` or `timestamp` turns Sheets serial numbers into ISO dates and
 * times; every type is a hint the loader uses instead of inferring.
 */
import { z } from 'zod';
import type { ContractMode } from '../../source.js';
import { streamSettingsError } from '../stream-settings-error.js';

export type SheetColumnType = 'date' | 'timestamp' | 'number' | 'integer' | 'boolean' | 'text';

const column = z.string().min(1);
const schema = z.strictObject({
  primary_key: z.union([column, z.array(column).min(1)]).optional(),
  columns: z.record(column, z.enum(['date', 'timestamp', 'number', 'integer', 'boolean', 'text'])).optional(),
  contract: z.enum(['evolve', 'freeze', 'discard_row', 'discard_value']).optional(),
});

/** One stream's validated settings. */
export interface SheetStreamSettings {
  primaryKey: string[];
  columns: Record<string, SheetColumnType>;
  contract: ContractMode | undefined;
}

/** Validates `streams.<name>`; errors name the key. */
export function parseSheetStreamSettings(name: string, raw: Record<string, unknown> | undefined): SheetStreamSettings {
  const parsed = schema.safeParse(raw ?? {});
  if (!parsed.success) throw streamSettingsError(name, parsed.error);
  const s = parsed.data;
  return {
    primaryKey: s.primary_key === undefined ? [] : Array.isArray(s.primary_key) ? s.primary_key : [s.primary_key],
    columns: s.columns ?? {},
    contract: s.contract,
  };
}
