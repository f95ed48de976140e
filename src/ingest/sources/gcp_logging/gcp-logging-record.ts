/**
 * A LogEntry as Cloud Logging's BigQuery sink lays it out, so models written
 * against a sink dataset run on Basin's table unchanged:
 * - LogEntry fields keep their names (`logName`, `insertId`, `httpRequest.status`,
 *   `receiveTimestamp`, ...);
 * - user-supplied field names (keys of `labels`, `resource.labels` and
 *   `jsonPayload`, at any depth) are lowercased, characters other than
 *   letters, digits and `_` become `_`, leading underscores are dropped and
 *   names are cut at 128 characters (`instanceId` -> `instanceid`);
 * - a `protoPayload` of type `google.cloud.audit.AuditLog` lands in
 *   `protopayload_auditlog` (without `@type`), as the sink names it; other
 *   proto payloads stay in `protoPayload`;
 * - int64 fields sent as JSON strings (`httpRequest.responseSize`,
 *   `requestSize`, `cacheFillBytes`, `sourceLocation.line`) become numbers.
 * Basin's loader then flattens nested records to `a__b` columns.
 */

type Json = Record<string, unknown>;

const AUDIT_LOG = 'type.googleapis.com/google.cloud.audit.AuditLog';
const HTTP_INT64 = ['requestSize', 'responseSize', 'cacheFillBytes'] as const;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A user-supplied field name as the BigQuery sink writes it. */
export function sinkFieldName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9_]/g, '_').replace(/^_+/, '').slice(0, 128);
}

/** Renames the keys of a user-supplied value, recursively (arrays element by element). */
function sinkKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sinkKeys);
  if (!isObject(value)) return value;
  const out: Json = {};
  for (const [k, v] of Object.entries(value)) out[sinkFieldName(k)] = sinkKeys(v);
  return out;
}

function int64(value: unknown): unknown {
  return typeof value === 'string' && /^-?\d+$/.test(value) && Number.isSafeInteger(Number(value)) ? Number(value) : value;
}

function httpRequest(value: unknown): unknown {
  if (!isObject(value)) return value;
  const out: Json = { ...value };
  for (const k of HTTP_INT64) if (k in out) out[k] = int64(out[k]);
  return out;
}

function sourceLocation(value: unknown): unknown {
  return isObject(value) ? { ...value, line: int64(value['line']) } : value;
}

function resource(value: unknown): unknown {
  return isObject(value) ? { type: value['type'], labels: sinkKeys(value['labels']) } : value;
}

/** Fields copied as they are. */
const PLAIN = ['logName', 'timestamp', 'receiveTimestamp', 'severity', 'insertId', 'operation', 'trace', 'spanId', 'traceSampled', 'split', 'textPayload', 'errorGroups'] as const;

/** The record Basin loads for one LogEntry (absent fields are left out). */
export function toSinkRecord(entry: Json): Json {
  const out: Json = {};
  for (const k of PLAIN) if (entry[k] !== undefined) out[k] = entry[k];
  if (entry['resource'] !== undefined) out['resource'] = resource(entry['resource']);
  if (entry['httpRequest'] !== undefined) out['httpRequest'] = httpRequest(entry['httpRequest']);
  if (entry['labels'] !== undefined) out['labels'] = sinkKeys(entry['labels']);
  if (entry['sourceLocation'] !== undefined) out['sourceLocation'] = sourceLocation(entry['sourceLocation']);
  if (entry['jsonPayload'] !== undefined) out['jsonPayload'] = sinkKeys(entry['jsonPayload']);
  const proto = entry['protoPayload'];
  if (isObject(proto) && proto['@type'] === AUDIT_LOG) {
    const { '@type': _type, ...audit } = proto;
    out['protopayload_auditlog'] = audit;
  } else if (proto !== undefined) {
    out['protoPayload'] = proto;
  }
  return out;
}
