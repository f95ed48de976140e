/**
 * The HubSpot destination (CRM v3 batch API, private-app token): records of
 * contacts, companies, deals, tickets or a custom object, matched by a unique
 * property (`destination_key:`, HubSpot's idProperty). Upsert, update,
 * insert and delete in batches of 100 (hubspot-writes.ts), then the
 * associations the `association:<to>:<property>` fields ask for
 * (hubspot-associate.ts). Requests stay within HubSpot's burst limit for
 * private apps (100 per 10 s); 429s wait for Retry-After and are resent.
 */
import { BasinError } from '../../../core/errors.js';
import { bearerAuth, type HttpClient } from '../../../ingest/http/index.js';
import type { DestinationContext, DestinationFactory, DestinationOp, DestinationRecord, RecordResult } from '../../destination.js';
import { budgetOf, destinationClient, type Budget } from '../destination-http.js';
import { writeAssociations } from './hubspot-associate.js';
import { HUBSPOT_DEFAULT_BUDGET, HUBSPOT_MAX_BATCH, hubspotConfigSchema, type HubSpotConfig } from './hubspot-config.js';
import { hubspotTarget } from './hubspot-target.js';
import { hubspotInput } from './hubspot-values.js';
import { deleteRecords, writeProperties, type PendingRecord, type WriteScope } from './hubspot-writes.js';

function client(config: HubSpotConfig, budget: Budget, context: Pick<DestinationContext, 'logger'>): HttpClient {
  return destinationClient({ baseUrl: config.base_url, auth: bearerAuth(config.access_token), budget, context, timeoutMs: config.timeout * 1000 });
}

export const hubspotDestination: DestinationFactory<HubSpotConfig> = {
  type: 'hubspot',
  configSchema: hubspotConfigSchema,
  open(config, destinationTarget, context) {
    const target = hubspotTarget(destinationTarget);
    const http = client(config, budgetOf(context, config.rate_limit, HUBSPOT_DEFAULT_BUDGET), context);
    return {
      capabilities: { ops: target.ops, maxBatch: HUBSPOT_MAX_BATCH, rateLimit: HUBSPOT_DEFAULT_BUDGET },
      async write(op: DestinationOp, records: readonly DestinationRecord[], { signal }): Promise<RecordResult[]> {
        if (records.length === 0) return [];
        if (!target.ops.includes(op)) throw new BasinError('INTERNAL', `hubspot ${target.object} by ${target.keyField} does not support ${op}`);
        const results: RecordResult[] = records.map(() => ({ ok: true }));
        const scope: WriteScope = { http, target, signal, results };
        const pending: PendingRecord[] = [];
        records.forEach((record, index) => {
          if (record.key.trim() === '') results[index] = { ok: false, error: `the key is empty: HubSpot matches records by a non-empty ${target.keyField}` };
          else pending.push({ index, key: record.key, input: op === 'delete' ? { properties: {}, associations: [] } : hubspotInput(record, target.keyField) });
        });
        if (op === 'delete') {
          await deleteRecords(scope, pending);
          return results;
        }
        const written = await writeProperties(scope, op, pending);
        await writeAssociations(scope, pending, written);
        return results;
      },
    };
  },
  async check(config, context) {
    // One record of companies: proves the token and the CRM scopes (crm.objects.companies.read).
    await client(config, HUBSPOT_DEFAULT_BUDGET, context).request({ method: 'GET', url: '/crm/v3/objects/companies', query: { limit: 1 } }, { signal: context.signal });
  },
};
