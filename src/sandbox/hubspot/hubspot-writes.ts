/**
 * What writes did to the CRM, kept beside the synthetic records: records
 * created by writes (ids past every synthetic organization, so list cursors
 * reach them after the synthetic ones), property values written onto
 * synthetic records, archivals, and associations created. `record()` is the
 * one place reads get a record from: the synthetic record (or the created
 * one) with the writes applied, so written values and a later `updatedAt`
 * show on every read endpoint.
 */
import type { SyntheticCompany } from '../company/synthetic-company.js';
import { crmId, decodeCrmId, type CrmType, type RecordRef } from './hubspot-ids.js';
import { crmRecord, createdProperty, lastModifiedProperty, type CrmRecord } from './hubspot-records.js';

/** First organization index of records created by writes (decodable by decodeCrmId, never a synthetic signup). */
export const CREATED_ORG_BASE = 0xf000_0000;

interface Written {
  properties: Record<string, string | null>;
  updatedAt: number;
  archivedAt?: number;
  /** Set for records created by a write. */
  createdAt?: number;
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** The CRM's writes. */
export class CrmWrites {
  private readonly written = new Map<string, Written>();
  private readonly created = new Map<CrmType, string[]>();
  private readonly links = new Map<string, Set<string>>();
  private nextOrg = CREATED_ORG_BASE;
  private changes = 0;

  /** Grows with every write (keys caches of read results). */
  get version(): number {
    return this.changes;
  }

  /** Whether `ref` is a record created by a write. */
  static isCreated(ref: RecordRef): boolean {
    return ref.org >= CREATED_ORG_BASE;
  }

  /** The record of `type` at `ref` at `now`, writes applied; undefined when it does not exist. */
  record(company: SyntheticCompany, type: CrmType, ref: RecordRef, now: number): CrmRecord | undefined {
    if (CrmWrites.isCreated(ref)) return this.createdRecord(type, ref, now);
    const base = crmRecord(company, type, ref, now);
    return base ? this.overlay(base) : undefined;
  }

  private createdRecord(type: CrmType, ref: RecordRef, now: number): CrmRecord | undefined {
    const id = crmId(type, ref);
    const w = this.written.get(`${type}:${id}`);
    if (!w || w.createdAt === undefined || w.createdAt > now) return undefined;
    return this.apply({ type, ref, id, createdAt: w.createdAt, updatedAt: w.createdAt, archivedAt: undefined, properties: {} }, w);
  }

  /** `record` applied to a synthetic record already at hand (lists, search). */
  overlay(record: CrmRecord): CrmRecord {
    const w = this.written.get(`${record.type}:${record.id}`);
    return w ? this.apply(record, w) : record;
  }

  private apply(record: CrmRecord, w: Written): CrmRecord {
    const updatedAt = Math.max(record.updatedAt, w.updatedAt);
    const archivedAt = w.archivedAt ?? record.archivedAt;
    return {
      ...record,
      updatedAt,
      archivedAt,
      properties: {
        ...record.properties,
        ...w.properties,
        [createdProperty(record.type)]: iso(record.createdAt),
        [lastModifiedProperty(record.type)]: iso(updatedAt),
        hs_object_id: record.id,
      },
    };
  }

  /** Records of `type` that writes created or changed, as they are at `now` (archived ones included). */
  touched(company: SyntheticCompany, type: CrmType, now: number): CrmRecord[] {
    const out: CrmRecord[] = [];
    for (const key of this.written.keys()) {
      const [t, id = ''] = key.split(':');
      const ref = t === type ? decodeCrmId(type, id) : undefined;
      const record = ref && this.record(company, type, ref, now);
      if (record) out.push(record);
    }
    return out;
  }

  /** Records created by writes, ascending id, writes applied. */
  createdRecords(type: CrmType, now: number): CrmRecord[] {
    return (this.created.get(type) ?? []).flatMap((id) => {
      const ref = decodeCrmId(type, id);
      const record = ref && this.createdRecord(type, ref, now);
      return record ? [record] : [];
    });
  }

  /** Creates a record with `properties` at `now`. */
  create(type: CrmType, properties: Record<string, string | null>, now: number): CrmRecord {
    const ref = { org: this.nextOrg++, slot: 0 };
    const id = crmId(type, ref);
    this.changes++;
    this.written.set(`${type}:${id}`, { properties: { ...properties }, updatedAt: now, createdAt: now });
    this.created.set(type, [...(this.created.get(type) ?? []), id]);
    return this.createdRecord(type, ref, now) as CrmRecord;
  }

  /** Writes `properties` onto an existing record (its updatedAt moves to `now`). */
  update(type: CrmType, id: string, properties: Record<string, string | null>, now: number): void {
    const key = `${type}:${id}`;
    const w = this.written.get(key) ?? { properties: {}, updatedAt: now };
    this.changes++;
    Object.assign(w.properties, properties);
    w.updatedAt = now;
    this.written.set(key, w);
  }

  /** Archives an existing record at `now`. */
  archive(type: CrmType, id: string, now: number): void {
    const key = `${type}:${id}`;
    const w = this.written.get(key) ?? { properties: {}, updatedAt: now };
    this.changes++;
    w.archivedAt = now;
    w.updatedAt = now;
    this.written.set(key, w);
  }

  /** Associates `fromId` of `from` with `toId` of `to` (both directions, as HubSpot does). */
  associate(from: CrmType, fromId: string, to: CrmType, toId: string): void {
    const add = (a: CrmType, aId: string, b: CrmType, bId: string): void => {
      const key = `${a}:${aId}:${b}`;
      const set = this.links.get(key) ?? new Set<string>();
      set.add(bId);
      this.links.set(key, set);
    };
    this.changes++;
    add(from, fromId, to, toId);
    add(to, toId, from, fromId);
  }

  /** Ids of `to` records associated with `fromId` by writes. */
  linked(from: CrmType, fromId: string, to: CrmType): string[] {
    return [...(this.links.get(`${from}:${fromId}:${to}`) ?? [])];
  }

  /** Synthetic ids plus written links, ascending and unique, live records only. */
  associatedIds(company: SyntheticCompany, from: CrmType, fromId: string, to: CrmType, synthetic: readonly string[], now: number): string[] {
    const ids = new Set(synthetic);
    for (const id of this.linked(from, fromId, to)) {
      const ref = decodeCrmId(to, id);
      const record = ref && this.record(company, to, ref, now);
      if (record && record.archivedAt === undefined) ids.add(id);
    }
    return [...ids].filter((id) => {
      const w = this.written.get(`${to}:${id}`);
      return w?.archivedAt === undefined;
    }).sort((a, b) => Number(a) - Number(b));
  }
}
