/**
 * `GET /crm/v3/objects/{type}`: records in id order (= signup order), `after`
 * being the id of the next record, so a cursor stays valid as time moves.
 */
import type { SyntheticCompany } from '../company/synthetic-company.js';
import { crmId, decodeCrmId, type CrmType, type RecordRef } from './hubspot-ids.js';
import { validationError } from './hubspot-errors.js';
import { crmRecord, slotCount, type CrmRecord } from './hubspot-records.js';

/** Upper bound on records examined for one page. */
const MAX_SCAN = 2_000_000;

/** A page of records and the id of the next one. */
export interface RecordPage {
  records: CrmRecord[];
  nextAfter: string | undefined;
}

/** Lists `limit` records of `type` from cursor `after`, archived ones only or live ones only. */
export function listRecords(
  company: SyntheticCompany,
  type: CrmType,
  query: { limit: number; after: string | undefined; archived: boolean; now: number },
): RecordPage {
  let start: RecordRef = { org: 0, slot: 0 };
  if (query.after !== undefined && query.after !== '') {
    const decoded = decodeCrmId(type, query.after);
    if (!decoded) throw validationError(`Invalid input for 'after': ${query.after}`);
    start = decoded;
  }
  const end = company.countAt(query.now);
  const records: CrmRecord[] = [];
  let scanned = 0;
  for (let i = start.org; i < end; i++) {
    const slots = slotCount(company, type, i);
    for (let s = i === start.org ? start.slot : 0; s < slots; s++) {
      if (++scanned > MAX_SCAN) throw new Error('hubspot list scanned too many records');
      const record = crmRecord(company, type, { org: i, slot: s }, query.now);
      if (!record || (record.archivedAt !== undefined) !== query.archived) continue;
      if (records.length === query.limit) return { records, nextAfter: crmId(type, { org: i, slot: s }) };
      records.push(record);
    }
  }
  return { records, nextAfter: undefined };
}
