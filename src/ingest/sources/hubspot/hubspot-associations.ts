import type { Stream, StreamDefinition } from '../../source.js';
import { fetchPage, isObject, type HubSpotObject, type HubSpotRuntime } from './hubspot-api.js';
import { readPlan } from './hubspot-stream.js';
import type { HubSpotAssociationSpec } from './hubspot-streams.js';

/** Most ids per v4 batch read. */
const BATCH_LIMIT = 1000;

/**
 * An association stream (`contacts_to_companies`): one row per `from`
 * object (`from_id`, `updatedAt`) whose `links` array lands in the child
 * table `<stream>__links`, one row per link and association type
 * (`from_id`, `to_id`, `category`, `type_id`, `label`). The `from` objects
 * are listed, then searched by last-modified date like their own stream;
 * each page's links are read with the v4 batch read. A merge replaces a
 * parent row's child rows, so a changed object's links are replaced as a
 * whole (removed links go), and an archived object's row and links are
 * deleted (deletedKeys `[from_id]`).
 */
export function createHubSpotAssociationStream(spec: HubSpotAssociationSpec, rt: HubSpotRuntime): Stream {
  const definition: StreamDefinition = {
    name: spec.name,
    primaryKey: ['from_id'],
    cursorField: 'updatedAt',
    write: 'merge',
    columns: { from_id: 'text', updatedAt: 'timestamptz' },
  };
  const plan = {
    stream: spec.name,
    spec: spec.from,
    properties: [spec.from.modifiedProperty],
    toRecords: (objects: HubSpotObject[], signal: AbortSignal) => linkRecords(rt, spec, objects, signal),
  };
  return { definition, read: (context) => readPlan(rt, plan, context) };
}

/** A link row per association type of each `to` object. */
interface Link {
  from_id: string;
  to_id: string;
  category: string | null;
  type_id: number | null;
  label: string | null;
}

function linksOf(fromId: string, items: unknown[]): Link[] {
  const out: Link[] = [];
  for (const item of items.filter(isObject)) {
    const toId = String(item['toObjectId'] ?? item['id'] ?? '');
    if (toId === '') continue;
    const types = Array.isArray(item['associationTypes']) ? item['associationTypes'].filter(isObject) : [];
    for (const t of types) {
      out.push({
        from_id: fromId,
        to_id: toId,
        category: typeof t['category'] === 'string' ? t['category'] : null,
        type_id: typeof t['typeId'] === 'number' ? t['typeId'] : null,
        label: typeof t['label'] === 'string' ? t['label'] : null,
      });
    }
  }
  return out;
}

/** The rest of one object's links when the batch read paged them (`GET /crm/v4/objects/{from}/{id}/associations/{to}`). */
async function remainingLinks(rt: HubSpotRuntime, spec: HubSpotAssociationSpec, fromId: string, after: string, signal: AbortSignal): Promise<unknown[]> {
  const out: unknown[] = [];
  let next: string | undefined = after;
  while (next !== undefined) {
    const url = `/crm/v4/objects/${spec.from.objectType}/${encodeURIComponent(fromId)}/associations/${spec.to}`;
    const page = await fetchPage(rt, { url, query: { limit: 500, after: next } }, signal);
    out.push(...page.results);
    next = page.after;
  }
  return out;
}

/** One record per object: its id, `updatedAt` and current links (empty when it has none). */
async function linkRecords(rt: HubSpotRuntime, spec: HubSpotAssociationSpec, objects: HubSpotObject[], signal: AbortSignal): Promise<HubSpotObject[]> {
  const links = new Map<string, Link[]>();
  for (let k = 0; k < objects.length; k += BATCH_LIMIT) {
    const inputs = objects.slice(k, k + BATCH_LIMIT).map((o) => ({ id: String(o['id']) }));
    const url = `/crm/v4/associations/${spec.from.objectType}/${spec.to}/batch/read`;
    const page = await fetchPage(rt, { method: 'POST', url, json: { inputs } }, signal);
    for (const result of page.results) {
      const fromId = isObject(result['from']) ? String(result['from']['id'] ?? '') : '';
      if (fromId === '') continue;
      const items: unknown[] = Array.isArray(result['to']) ? [...result['to']] : [];
      const paging = isObject(result['paging']) && isObject(result['paging']['next']) ? result['paging']['next']['after'] : undefined;
      if (paging !== undefined && paging !== null && paging !== '') items.push(...(await remainingLinks(rt, spec, fromId, String(paging), signal)));
      links.set(fromId, [...(links.get(fromId) ?? []), ...linksOf(fromId, items)]);
    }
  }
  return objects.map((o) => {
    const id = String(o['id']);
    return { from_id: id, updatedAt: o['updatedAt'], links: links.get(id) ?? [] };
  });
}
