/**
 * Firestore values as plain JSON records: integers as numbers when they are
 * safe (else their decimal string), doubles as numbers (NaN and infinities
 * as their names), timestamps as the RFC 3339 strings Firestore sends,
 * bytes as base64, references as the full document name (the same form as
 * `_path`, so they join), geo points as `{ latitude, longitude }`, maps as
 * objects, arrays as arrays, null as null.
 */

type Json = Record<string, unknown>;

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** One Firestore `Value` decoded. */
export function decodeValue(value: unknown): unknown {
  if (!isObj(value)) return null;
  if ('nullValue' in value) return null;
  if ('booleanValue' in value) return value['booleanValue'] === true;
  if ('integerValue' in value) {
    const text = String(value['integerValue']);
    const n = Number(text);
    return Number.isSafeInteger(n) ? n : text;
  }
  if ('doubleValue' in value) {
    const d = value['doubleValue'];
    return typeof d === 'number' ? d : String(d);
  }
  if ('timestampValue' in value) return String(value['timestampValue']);
  if ('stringValue' in value) return String(value['stringValue']);
  if ('bytesValue' in value) return String(value['bytesValue']);
  if ('referenceValue' in value) return String(value['referenceValue']);
  if ('geoPointValue' in value) {
    const g = isObj(value['geoPointValue']) ? value['geoPointValue'] : {};
    // proto3 JSON leaves out zero coordinates.
    return { latitude: Number(g['latitude'] ?? 0), longitude: Number(g['longitude'] ?? 0) };
  }
  if ('arrayValue' in value) {
    const a = isObj(value['arrayValue']) ? value['arrayValue']['values'] : undefined;
    return Array.isArray(a) ? a.map(decodeValue) : [];
  }
  if ('mapValue' in value) return decodeFields(isObj(value['mapValue']) ? value['mapValue']['fields'] : undefined);
  return null;
}

/** A document's `fields` decoded. */
export function decodeFields(fields: unknown): Json {
  const out: Json = {};
  if (!isObj(fields)) return out;
  for (const [key, v] of Object.entries(fields)) out[key] = decodeValue(v);
  return out;
}

/** A document as Basin's record: its fields, then `_id`, `_path`, `_create_time`, `_update_time`. */
export function documentRecord(doc: Json): Json {
  const name = String(doc['name'] ?? '');
  return {
    ...decodeFields(doc['fields']),
    _id: name.slice(name.lastIndexOf('/') + 1),
    _path: name,
    _create_time: doc['createTime'],
    _update_time: doc['updateTime'],
  };
}
