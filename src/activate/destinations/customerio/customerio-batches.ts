/**
 * Splits v2 operations into `POST /api/v2/batch` bodies within the Track
 * API's limits, pure: every body at most 500 KB, every operation at most
 * 32 KB (a larger one is a problem of its record, never sent). Each body
 * keeps the record index of its items so the API's `batch_index` errors map
 * back to records.
 */
import { CUSTOMERIO_SIZE_LIMITS } from './customerio-config.js';
import type { CioOperation } from './customerio-operations.js';

/** One request: its JSON body and, per batch index, the record it came from. */
export interface CioBatchRequest {
  body: string;
  recordIndexes: number[];
}

const PREFIX = '{"batch":[';
const SUFFIX = ']}';

/** Bodies for `operations` (record index -> operation), and the records too large to send. */
export function splitBatches(
  operations: ReadonlyArray<{ index: number; operation: CioOperation }>,
  limits: { batchBytes: number; operationBytes: number } = CUSTOMERIO_SIZE_LIMITS,
): { requests: CioBatchRequest[]; tooLarge: Map<number, string> } {
  const requests: CioBatchRequest[] = [];
  const tooLarge = new Map<number, string>();
  let items: string[] = [];
  let indexes: number[] = [];
  let size = PREFIX.length + SUFFIX.length;
  const flush = (): void => {
    if (items.length === 0) return;
    requests.push({ body: `${PREFIX}${items.join(',')}${SUFFIX}`, recordIndexes: indexes });
    items = [];
    indexes = [];
    size = PREFIX.length + SUFFIX.length;
  };
  for (const { index, operation } of operations) {
    const text = JSON.stringify(operation);
    const bytes = Buffer.byteLength(text, 'utf8');
    if (bytes > limits.operationBytes) {
      tooLarge.set(index, `the record is ${bytes} bytes as a Customer.io operation; the Track API accepts at most ${limits.operationBytes} bytes per operation`);
      continue;
    }
    const added = bytes + (items.length > 0 ? 1 : 0);
    if (size + added > limits.batchBytes) flush();
    size += bytes + (items.length > 0 ? 1 : 0);
    items.push(text);
    indexes.push(index);
  }
  flush();
  return { requests, tooLarge };
}
