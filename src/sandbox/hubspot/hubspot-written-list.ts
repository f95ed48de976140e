/**
 * `GET /crm/v3/objects/{type}` with writes: the synthetic pages (written
 * values applied, records archived by a write moved out of the live list),
 * then the records created by writes, in id order. Cursors stay ids: a
 * created record's id is past every synthetic one, so `after` names either.
 * Records of the synthetic company archived by a write join the archived
 * list in id order.
 */
import type { SyntheticCompany } from '../company/synthetic-company.js';
import { decodeCrmId, type CrmType } from './hubspot-ids.js';
import { listRecords, type RecordPage } from './hubspot-list.js';
import type { CrmRecord } from './hubspot-records.js';
import { CrmWrites } from './hubspot-writes.js';

/** Lists `limit` records of `type` from cursor `after`, archived ones only or live ones only, writes applied. */
export function listWithWrites(
  company: SyntheticCompany,
  writes: CrmWrites,
  type: CrmType,
  query: { limit: number; after: string | undefined; archived: boolean; now: number },
): RecordPage {
  const after = query.after !== undefined && query.after !== '' ? decodeCrmId(type, query.after) : undefined;
  const inCreated = after !== undefined && CrmWrites.isCreated(after);
  const records: CrmRecord[] = [];
  let cursor = query.after;
  // Synthetic records a write archived: listed among the archived ones, in id order.
  const archivedByWrite = query.archived
    ? writes.touched(company, type, query.now).filter((r) => !CrmWrites.isCreated(r.ref) && r.archivedAt !== undefined)
    : [];
  // Synthetic pages, topped up when writes moved records out of this list, until full or exhausted.
  while (!inCreated) {
    const room = query.limit - records.length;
    const page = listRecords(company, type, { ...query, after: cursor, limit: room });
    const listed = page.records.map((r) => writes.overlay(r)).filter((r) => (r.archivedAt !== undefined) === query.archived);
    const ids = new Set(listed.map((r) => r.id));
    const low = cursor === undefined || cursor === '' ? 0 : Number(cursor);
    const high = page.nextAfter === undefined ? Infinity : Number(page.nextAfter);
    const extra = archivedByWrite.filter((r) => Number(r.id) >= low && Number(r.id) < high && !ids.has(r.id));
    const merged = [...listed, ...extra].sort((a, b) => Number(a.id) - Number(b.id));
    if (merged.length > room) return { records: [...records, ...merged.slice(0, room)], nextAfter: merged[room]?.id };
    records.push(...merged);
    if (page.nextAfter === undefined) break;
    if (records.length === query.limit) return { records, nextAfter: page.nextAfter };
    cursor = page.nextAfter;
  }
  const from = inCreated && query.after !== undefined ? Number(query.after) : 0;
  const created = writes.createdRecords(type, query.now).filter((r) => Number(r.id) >= from && (r.archivedAt !== undefined) === query.archived);
  const room = query.limit - records.length;
  const next = created[room];
  return { records: [...records, ...created.slice(0, room)], nextAfter: next?.id };
}
