/**
 * The webhook destination: one signed JSON POST per batch,
 * `{ sync, object, op, batch_id, records: [{ key, fields }] }`, with
 * `Idempotency-Key: <batch_id>`. Every op is accepted (the receiver decides
 * what they mean). Since a batch carries its id, every request is sent as
 * idempotent: 429, 5xx and network errors are retried and the receiver
 * dedupes by the id. A 2xx or 400 whose body is `{ errors: [{ index, message }] }`
 * fails those records with the receiver's message; any other 4xx fails the batch.
 */
import { randomUUID } from 'node:crypto';
import { HttpError } from '../../../ingest/http/index.js';
import type { DestinationFactory, DestinationRecord, RecordResult } from '../../destination.js';
import { budgetOf, destinationClient, resultsWithErrors } from '../destination-http.js';
import { WEBHOOK_DEFAULT_BUDGET, WEBHOOK_MAX_BATCH, webhookConfigSchema, type WebhookConfig } from './webhook-config.js';
import { signatureHeaders } from './webhook-signing.js';

/** Per-record errors of a receiver's answer, by record index (records outside the batch ignored). */
export function receiverErrors(body: unknown, count: number): Map<number, string> {
  const errors = new Map<number, string>();
  const list = (body as { errors?: unknown } | null | undefined)?.errors;
  if (!Array.isArray(list)) return errors;
  for (const e of list as Array<{ index?: unknown; message?: unknown } | null>) {
    const index = e?.index;
    if (typeof index === 'number' && Number.isInteger(index) && index >= 0 && index < count) {
      errors.set(index, typeof e?.message === 'string' ? e.message : 'rejected by the receiver');
    }
  }
  return errors;
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export const webhookDestination: DestinationFactory<WebhookConfig> = {
  type: 'webhook',
  configSchema: webhookConfigSchema,
  open(config, target, context) {
    const url = new URL(config.url);
    const client = destinationClient({
      baseUrl: url.origin,
      headers: config.headers,
      budget: budgetOf(context, config.rate_limit, WEBHOOK_DEFAULT_BUDGET),
      context,
      timeoutMs: config.timeout * 1000,
    });
    const path = `${url.pathname}${url.search}`;
    return {
      capabilities: { ops: ['upsert', 'update', 'insert', 'delete'], maxBatch: WEBHOOK_MAX_BATCH, rateLimit: WEBHOOK_DEFAULT_BUDGET },
      async write(op, records: readonly DestinationRecord[], { signal }): Promise<RecordResult[]> {
        if (records.length === 0) return [];
        const batchId = randomUUID();
        const body = JSON.stringify({ sync: context.sync, object: target.object, op, batch_id: batchId, records: records.map((r) => ({ key: r.key, fields: r.fields })) });
        // Signed per attempt would need a hook in the client; one timestamp is valid for the receiver's tolerance (5 min in Basin's sandbox).
        const headers = { 'content-type': 'application/json', 'idempotency-key': batchId, ...(config.secret ? signatureHeaders(config.secret, body, Date.now()) : {}) };
        const response = await client.request({ method: 'POST', url: path, headers, body }, { signal, idempotent: true, acceptStatuses: [400] });
        const errors = receiverErrors(parse(response.text), records.length);
        if (response.status === 400 && errors.size === 0) {
          throw new HttpError('HTTP_STATUS', `POST ${response.url} answered 400: ${response.text.slice(0, 500)}`, { url: response.url, method: 'POST', status: 400, bodyExcerpt: response.text.slice(0, 500) });
        }
        return resultsWithErrors(records.length, errors);
      },
    };
  },
  async check(config, context) {
    // A webhook has no read endpoint: check only proves the URL is reachable and accepts a signed, empty batch.
    const url = new URL(config.url);
    const client = destinationClient({ baseUrl: url.origin, headers: config.headers, budget: WEBHOOK_DEFAULT_BUDGET, context, timeoutMs: config.timeout * 1000 });
    const body = JSON.stringify({ sync: context.sync, object: 'check', op: 'check', batch_id: randomUUID(), records: [] });
    await client.request(
      { method: 'POST', url: `${url.pathname}${url.search}`, headers: { 'content-type': 'application/json', ...(config.secret ? signatureHeaders(config.secret, body, Date.now()) : {}) }, body },
      { signal: context.signal, idempotent: true },
    );
  },
};
