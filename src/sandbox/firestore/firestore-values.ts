/**
 * Firestore's `Value` (the REST JSON mapping of google.firestore.v1.Value):
 * constructors for the fake's documents, timestamp formatting as proto3 JSON
 * writes it, and Firestore's total order over values (type order first:
 * null < boolean < number < timestamp < string < bytes < reference <
 * geo point < array < map), which queries, cursors and filters follow.
 */

/** One Firestore value: exactly one key is set. */
export interface FirestoreValue {
  nullValue?: 'NULL_VALUE';
  booleanValue?: boolean;
  integerValue?: string;
  doubleValue?: number | 'NaN' | 'Infinity' | '-Infinity';
  timestampValue?: string;
  stringValue?: string;
  bytesValue?: string;
  referenceValue?: string;
  geoPointValue?: { latitude: number; longitude: number };
  arrayValue?: { values?: FirestoreValue[] };
  mapValue?: { fields?: Record<string, FirestoreValue> };
}

/** A document as the REST API returns it. */
export interface FirestoreDocument {
  name: string;
  fields: Record<string, FirestoreValue>;
  createTime: string;
  updateTime: string;
}

/** RFC 3339 in UTC with 0 or 3 fractional digits, as proto3 JSON prints a millisecond timestamp. */
export function formatTimestamp(ms: number): string {
  const iso = new Date(ms).toISOString();
  return ms % 1000 === 0 ? iso.replace('.000Z', 'Z') : iso;
}

export const nullV = (): FirestoreValue => ({ nullValue: 'NULL_VALUE' });
export const boolV = (v: boolean): FirestoreValue => ({ booleanValue: v });
export const intV = (v: number | bigint | string): FirestoreValue => ({ integerValue: String(v) });
export const doubleV = (v: number): FirestoreValue => ({ doubleValue: v });
export const tsV = (ms: number): FirestoreValue => ({ timestampValue: formatTimestamp(ms) });
export const strV = (v: string): FirestoreValue => ({ stringValue: v });
export const bytesV = (v: Uint8Array): FirestoreValue => ({ bytesValue: Buffer.from(v).toString('base64') });
export const refV = (name: string): FirestoreValue => ({ referenceValue: name });
export const geoV = (latitude: number, longitude: number): FirestoreValue => ({ geoPointValue: { latitude, longitude } });
export const arrV = (values: FirestoreValue[]): FirestoreValue => ({ arrayValue: values.length > 0 ? { values } : {} });
export const mapV = (fields: Record<string, FirestoreValue>): FirestoreValue => ({ mapValue: { fields } });

/** Rank of a value's type in Firestore's ordering (undefined for an empty or unknown value). */
export function typeRank(v: FirestoreValue): number | undefined {
  if (v.nullValue !== undefined) return 0;
  if (v.booleanValue !== undefined) return 1;
  if (v.integerValue !== undefined || v.doubleValue !== undefined) return 2;
  if (v.timestampValue !== undefined) return 3;
  if (v.stringValue !== undefined) return 4;
  if (v.bytesValue !== undefined) return 5;
  if (v.referenceValue !== undefined) return 6;
  if (v.geoPointValue !== undefined) return 7;
  if (v.arrayValue !== undefined) return 8;
  if (v.mapValue !== undefined) return 9;
  return undefined;
}

function numberOf(v: FirestoreValue): number {
  if (v.integerValue !== undefined) return Number(v.integerValue);
  const d = v.doubleValue;
  return typeof d === 'number' ? d : d === 'Infinity' ? Infinity : d === '-Infinity' ? -Infinity : NaN;
}

/** A timestamp string as [seconds, nanos] (NaN seconds when unparsable). */
function timestampParts(text: string): [number, number] {
  const m = /^(.*?:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$/.exec(text);
  if (!m) return [NaN, 0];
  const seconds = Date.parse(`${m[1] ?? ''}${m[3] ?? 'Z'}`) / 1000;
  return [seconds, Number((m[2] ?? '').padEnd(9, '0') || '0')];
}

const cmp = (a: number | string, b: number | string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Compares two document or reference names segment by segment, as Firestore
 * orders them (a segment that ends first sorts first), in one pass.
 */
export function compareNames(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let p = 0;
  while (p < n && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  if (p === a.length) return p === b.length ? 0 : -1;
  if (p === b.length) return 1;
  const ca = a[p] ?? '';
  const cb = b[p] ?? '';
  if (ca === '/') return -1;
  if (cb === '/') return 1;
  return cmp(ca, cb);
}

function compareNumbers(a: number, b: number): number {
  // NaN sorts before every other number.
  if (Number.isNaN(a)) return Number.isNaN(b) ? 0 : -1;
  if (Number.isNaN(b)) return 1;
  return cmp(a, b);
}

/** Parsed timestamps, per value object (queries compare the same keys many times). */
const parsedTimestamps = new WeakMap<FirestoreValue, [number, number]>();

function timestampOf(v: FirestoreValue): [number, number] {
  let parts = parsedTimestamps.get(v);
  if (!parts) {
    parts = timestampParts(v.timestampValue ?? '');
    parsedTimestamps.set(v, parts);
  }
  return parts;
}

/** Firestore's total order over values. */
export function compareValues(a: FirestoreValue, b: FirestoreValue): number {
  // Fast paths for what queries order by most: names and timestamps.
  if (a.referenceValue !== undefined && b.referenceValue !== undefined) return compareNames(a.referenceValue, b.referenceValue);
  const ra = typeRank(a) ?? -1;
  const rb = typeRank(b) ?? -1;
  if (ra !== rb) return ra - rb;
  switch (ra) {
    case 1:
      return cmp(Number(a.booleanValue), Number(b.booleanValue));
    case 2:
      if (a.integerValue !== undefined && b.integerValue !== undefined) {
        const x = BigInt(a.integerValue);
        const y = BigInt(b.integerValue);
        return x < y ? -1 : x > y ? 1 : 0;
      }
      return compareNumbers(numberOf(a), numberOf(b));
    case 3: {
      const [sa, na] = timestampOf(a);
      const [sb, nb] = timestampOf(b);
      return cmp(sa, sb) || cmp(na, nb);
    }
    case 4:
      return cmp(a.stringValue ?? '', b.stringValue ?? '');
    case 5:
      return Buffer.compare(Buffer.from(a.bytesValue ?? '', 'base64'), Buffer.from(b.bytesValue ?? '', 'base64'));
    case 6:
      return compareNames(a.referenceValue ?? '', b.referenceValue ?? '');
    case 7:
      return cmp(a.geoPointValue?.latitude ?? 0, b.geoPointValue?.latitude ?? 0) || cmp(a.geoPointValue?.longitude ?? 0, b.geoPointValue?.longitude ?? 0);
    case 8: {
      const x = a.arrayValue?.values ?? [];
      const y = b.arrayValue?.values ?? [];
      for (let k = 0; k < Math.min(x.length, y.length); k++) {
        const c = compareValues(x[k] as FirestoreValue, y[k] as FirestoreValue);
        if (c !== 0) return c;
      }
      return x.length - y.length;
    }
    case 9: {
      const x = Object.entries(a.mapValue?.fields ?? {}).sort(([p], [q]) => cmp(p, q));
      const y = Object.entries(b.mapValue?.fields ?? {}).sort(([p], [q]) => cmp(p, q));
      for (let k = 0; k < Math.min(x.length, y.length); k++) {
        const [kx, vx] = x[k] as [string, FirestoreValue];
        const [ky, vy] = y[k] as [string, FirestoreValue];
        const c = cmp(kx, ky) || compareValues(vx, vy);
        if (c !== 0) return c;
      }
      return x.length - y.length;
    }
    default:
      return 0;
  }
}

/** Equality as filters see it (1 equals 1.0; NaN equals nothing). */
export function valuesEqual(a: FirestoreValue, b: FirestoreValue): boolean {
  if (typeRank(a) === 2 && (Number.isNaN(numberOf(a)) || Number.isNaN(numberOf(b)))) return false;
  return compareValues(a, b) === 0;
}

/** Whether a value is a double NaN. */
export function isNaNValue(v: FirestoreValue): boolean {
  return v.doubleValue !== undefined && Number.isNaN(numberOf(v));
}

/** Whether `v` is a well-formed Value (one known key), for request validation. */
export function isValue(v: unknown): v is FirestoreValue {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && typeRank(v as FirestoreValue) !== undefined;
}
