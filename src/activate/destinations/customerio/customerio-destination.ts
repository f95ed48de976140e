/**
 * The Customer.io destination (Track API). Object `person`: upsert and
 * insert identify people by `id` (default), `email` or `cio_id` with the
 * mapped fields as attributes, delete removes them (mirror mode), all through
 * `POST /api/v2/batch`; update sends v1 `PUT /api/v1/customers/{id}` with
 * `_update: true`, which never creates a person. Object `event`: each record
 * is an event of the person its `id` / `email` field names (insert only,
 * deduplicated by a deterministic ULID). Object `object:<object_type_id>`:
 * custom objects keyed by `object_id`, identified (optionally related to the
 * row's person) and deleted through the same batches. Requests stay within 500 KB, 32 KB
 * per operation and the workspace's 100 requests per second; the API's
 * `batch_index` errors fail their records with Customer.io's message.
 */
import { BasinError } from '../../../core/errors.js';
import { basicAuth, type HttpClient } from '../../../ingest/http/index.js';
import type { DestinationCapabilities, DestinationFactory, DestinationOp, DestinationRecord, DestinationTarget, RecordResult } from '../../destination.js';
import { budgetOf, destinationClient } from '../destination-http.js';
import {
  CUSTOMERIO_DEFAULT_BUDGET,
  CUSTOMERIO_IDENTIFIERS,
  CUSTOMERIO_MAX_BATCH,
  CUSTOMERIO_OBJECTS,
  CUSTOMERIO_SIZE_LIMITS,
  customerIoConfigSchema,
  type CustomerIoConfig,
  type CustomerIoIdentifier,
  type CustomerIoObject,
} from './customerio-config.js';
import { splitBatches } from './customerio-batches.js';
import { batchErrors, v1Error } from './customerio-errors.js';
import { isObjectTarget, objectOperation, objectTypeIdOf } from './customerio-objects.js';
import { operationFor, type CioOperation } from './customerio-operations.js';
import { customerIoAttributes } from './customerio-values.js';

/** v1 updates in flight at once (the client's limiter keeps them within the budget). */
const UPDATE_CONCURRENCY = 8;

const CAPABILITIES: Record<CustomerIoObject, DestinationCapabilities> = {
  person: { ops: ['upsert', 'insert', 'update', 'delete'], maxBatch: CUSTOMERIO_MAX_BATCH, rateLimit: CUSTOMERIO_DEFAULT_BUDGET },
  event: { ops: ['insert'], maxBatch: CUSTOMERIO_MAX_BATCH, rateLimit: CUSTOMERIO_DEFAULT_BUDGET },
};

/** Custom objects: v2 has no update-only identify for objects, so no `update`. */
const OBJECT_CAPABILITIES: DestinationCapabilities = { ops: ['upsert', 'insert', 'delete'], maxBatch: CUSTOMERIO_MAX_BATCH, rateLimit: CUSTOMERIO_DEFAULT_BUDGET };

/** The object and identifier of a target; CONFIG_INVALID naming what is wrong. */
export function customerIoTarget(target: DestinationTarget): { object: CustomerIoObject; identifier: CustomerIoIdentifier } {
  const object = target.object as CustomerIoObject;
  if (!CUSTOMERIO_OBJECTS.includes(object)) {
    throw new BasinError('CONFIG_INVALID', `customerio has no object "${target.object}" (it has ${CUSTOMERIO_OBJECTS.join(', ')}, object:<object_type_id>)`);
  }
  const allowed: readonly string[] = object === 'event' ? ['id', 'email'] : CUSTOMERIO_IDENTIFIERS;
  const identifier = (target.keyField ?? 'id') as CustomerIoIdentifier;
  if (!allowed.includes(identifier)) {
    throw new BasinError('CONFIG_INVALID', `customerio ${object}: destination_key "${target.keyField}" is not an identifier (use ${allowed.join(', ')})`);
  }
  return { object, identifier };
}

function client(config: CustomerIoConfig, budget: { requests: number; perSeconds: number }, logger: Parameters<typeof destinationClient>[0]['context']['logger']): HttpClient {
  return destinationClient({ baseUrl: config.base_url, auth: basicAuth(config.site_id, config.api_key), budget, context: { logger }, timeoutMs: config.timeout * 1000 });
}

/** Sends v2 batch requests for `records`; one result per record. */
async function writeBatch(
  http: HttpClient,
  records: readonly DestinationRecord[],
  build: (record: DestinationRecord) => { operation: CioOperation } | { problem: string },
  signal: AbortSignal | undefined,
): Promise<RecordResult[]> {
  const results: RecordResult[] = records.map(() => ({ ok: true }));
  const operations: Array<{ index: number; operation: CioOperation }> = [];
  records.forEach((record, index) => {
    const built = build(record);
    if ('problem' in built) results[index] = { ok: false, error: built.problem };
    else operations.push({ index, operation: built.operation });
  });
  const { requests, tooLarge } = splitBatches(operations);
  for (const [index, error] of tooLarge) results[index] = { ok: false, error };
  for (const request of requests) {
    // identify and delete are idempotent, events carry their dedup id: every batch may be resent.
    const response = await http.request({ method: 'POST', url: '/api/v2/batch', headers: { 'content-type': 'application/json' }, body: request.body }, { signal, idempotent: true, acceptStatuses: [400] });
    const { byIndex, general } = batchErrors(response.text);
    if (response.status === 400 && byIndex.size === 0) {
      const error = general.join('; ') || `Customer.io refused the batch (400): ${response.text.slice(0, 300)}`;
      for (const index of request.recordIndexes) results[index] = { ok: false, error };
      continue;
    }
    for (const [batchIndex, error] of byIndex) {
      const index = request.recordIndexes[batchIndex];
      if (index !== undefined) results[index] = { ok: false, error };
    }
  }
  return results;
}

/** v1 identify with `_update: true` per record (never creates a person). */
async function writeUpdates(http: HttpClient, records: readonly DestinationRecord[], identifier: CustomerIoIdentifier, signal: AbortSignal | undefined): Promise<RecordResult[]> {
  const results: RecordResult[] = new Array<RecordResult>(records.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < records.length) {
      const index = next++;
      const record = records[index]!;
      const key = record.key.trim();
      if (key === '') {
        results[index] = { ok: false, error: `the key is empty: Customer.io needs a non-empty ${identifier}` };
        continue;
      }
      const body = JSON.stringify({ ...customerIoAttributes(record.fields, new Set([identifier])), _update: true });
      if (Buffer.byteLength(body, 'utf8') > CUSTOMERIO_SIZE_LIMITS.operationBytes) {
        results[index] = { ok: false, error: `the record is ${Buffer.byteLength(body, 'utf8')} bytes; the Track API accepts at most ${CUSTOMERIO_SIZE_LIMITS.operationBytes} bytes per identify` };
        continue;
      }
      const path = `/api/v1/customers/${encodeURIComponent(identifier === 'cio_id' ? `cio_${key}` : key)}`;
      const response = await http.request({ method: 'PUT', url: path, headers: { 'content-type': 'application/json' }, body }, { signal, acceptStatuses: [400] });
      results[index] = response.status === 400 ? { ok: false, error: v1Error(response.text, 400) } : { ok: true };
    }
  };
  await Promise.all(Array.from({ length: Math.min(UPDATE_CONCURRENCY, records.length) }, worker));
  return results;
}

export const customerIoDestination: DestinationFactory<CustomerIoConfig> = {
  type: 'customerio',
  configSchema: customerIoConfigSchema,
  open(config, target, context) {
    if (isObjectTarget(target.object)) {
      const objectTypeId = objectTypeIdOf(target.object, target.keyField);
      const http = client(config, budgetOf(context, config.rate_limit, CUSTOMERIO_DEFAULT_BUDGET), context.logger);
      return {
        capabilities: OBJECT_CAPABILITIES,
        async write(op: DestinationOp, records, { signal }): Promise<RecordResult[]> {
          if (records.length === 0) return [];
          if (!OBJECT_CAPABILITIES.ops.includes(op)) throw new BasinError('INTERNAL', `customerio ${target.object} does not support ${op}`);
          return writeBatch(http, records, (record) => objectOperation(op, record, objectTypeId), signal);
        },
      };
    }
    const { object, identifier } = customerIoTarget(target);
    const http = client(config, budgetOf(context, config.rate_limit, CUSTOMERIO_DEFAULT_BUDGET), context.logger);
    const capabilities = CAPABILITIES[object];
    return {
      capabilities,
      async write(op: DestinationOp, records, { signal }): Promise<RecordResult[]> {
        if (records.length === 0) return [];
        if (!capabilities.ops.includes(op)) throw new BasinError('INTERNAL', `customerio ${object} does not support ${op}`);
        if (object === 'person' && op === 'update') return writeUpdates(http, records, identifier, signal);
        const nowMs = Date.now();
        return writeBatch(http, records, (record) => operationFor(object, op, record, { sync: context.sync, identifier, nowMs }), signal);
      },
    };
  },
  async check(config, context) {
    // The Track API's credentials check: the account's region, behind Basic auth.
    await client(config, CUSTOMERIO_DEFAULT_BUDGET, context.logger).request({ method: 'GET', url: '/api/v1/accounts/region' }, { signal: context.signal });
  },
};
