/**
 * One google_sheets stream: a range of a sheet, read in full at every run
 * (write replace: a sheet has no change log and rows move freely), in
 * batches of BATCH_ROWS records. The primary key, when set in the stream's
 * settings, must name columns of the header.
 */
import { ConfigError } from '../../../core/errors.js';
import type { LogicalType } from '../../../core/types.js';
import type { ReadContext, RecordBatch, Stream } from '../../source.js';
import type { BatchGetCache } from './batch-get-cache.js';
import type { SheetStreamConfig } from './google-sheets-config.js';
import type { SheetColumnType, SheetStreamSettings } from './google-sheets-stream-settings.js';
import { ROW_NUMBER_COLUMN } from './header-names.js';
import { sheetRecords } from './sheet-records.js';

/** Records per batch. */
export const BATCH_ROWS = 5000;

const LOGICAL: Record<SheetColumnType, LogicalType> = {
  date: 'date',
  timestamp: 'timestamp',
  number: 'double',
  integer: 'bigint',
  boolean: 'boolean',
  text: 'text',
};

/** The stream of one configured range. */
export function createSheetStream(config: SheetStreamConfig, settings: SheetStreamSettings, cache: BatchGetCache): Stream {
  const columns: Record<string, LogicalType> = { [ROW_NUMBER_COLUMN]: 'bigint' };
  for (const [name, type] of Object.entries(settings.columns)) columns[name] = LOGICAL[type];
  return {
    definition: { name: config.name, primaryKey: settings.primaryKey, write: 'replace', contract: settings.contract, columns },
    read: (context) => readSheet(config, settings, cache, context),
  };
}

async function* readSheet(config: SheetStreamConfig, settings: SheetStreamSettings, cache: BatchGetCache, context: ReadContext): AsyncGenerator<RecordBatch> {
  const valueRange = await cache.values(config, context.signal);
  const table = sheetRecords(valueRange, config.header_row, settings.columns);
  const known = new Set([ROW_NUMBER_COLUMN, ...table.columns]);
  for (const key of settings.primaryKey) {
    if (!known.has(key)) {
      throw new ConfigError(`primary key column "${key}" is not a column of ${config.range} (columns: ${table.columns.join(', ')})`, {
        key: `streams.${config.name}.primary_key`,
      });
    }
  }
  for (const name of Object.keys(settings.columns)) {
    if (!known.has(name)) context.logger.warn('typed column not in the sheet', { stream: config.name, column: name, columns: table.columns });
  }
  context.logger.debug('sheet read', { stream: config.name, range: valueRange.range, rows: table.records.length });
  for (let k = 0; k < table.records.length; k += BATCH_ROWS) {
    yield { kind: 'records', records: table.records.slice(k, k + BATCH_ROWS) };
  }
}
