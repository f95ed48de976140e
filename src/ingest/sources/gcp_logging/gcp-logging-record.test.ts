import { describe, expect, it } from 'vitest';
import { sinkFieldName, toSinkRecord } from './gcp-logging-record.js';

describe('BigQuery sink layout', () => {
  it('names user-supplied fields as the sink does', () => {
    expect(sinkFieldName('instanceId')).toBe('instanceid');
    expect(sinkFieldName('k8s-pod/app')).toBe('k8s_pod_app');
    expect(sinkFieldName('foo%%')).toBe('foo__');
    expect(sinkFieldName('__private')).toBe('private');
    expect(sinkFieldName('x'.repeat(200))).toHaveLength(128);
  });

  it('keeps LogEntry field names, renames payload and label keys, types int64 strings and names audit payloads', () => {
    const entry = {
      insertId: 'abc',
      logName: 'projects/p/logs/x',
      timestamp: '2025-01-01T00:00:00.123456Z',
      receiveTimestamp: '2025-01-01T00:00:01Z',
      severity: 'INFO',
      resource: { type: 'cloud_run_revision', labels: { service_name: 'api', Region: 'eu' } },
      labels: { instanceId: 'i-1', 'team/owner': 'core' },
      httpRequest: { requestMethod: 'GET', status: 200, responseSize: '1234', requestSize: '99', latency: '0.1s' },
      sourceLocation: { file: 'a.ts', line: '42', function: 'f' },
      jsonPayload: { Message: 'hi', nested: { myField: [{ subField: 1 }] } },
      protoPayload: { '@type': 'type.googleapis.com/google.cloud.audit.AuditLog', methodName: 'storage.objects.get', authenticationInfo: { principalEmail: 'a@b' } },
      trace: 'projects/p/traces/t',
      spanId: 's',
      traceSampled: true,
      metadata: { ignored: true },
    };
    expect(toSinkRecord(entry)).toEqual({
      insertId: 'abc',
      logName: 'projects/p/logs/x',
      timestamp: '2025-01-01T00:00:00.123456Z',
      receiveTimestamp: '2025-01-01T00:00:01Z',
      severity: 'INFO',
      resource: { type: 'cloud_run_revision', labels: { service_name: 'api', region: 'eu' } },
      labels: { instanceid: 'i-1', team_owner: 'core' },
      httpRequest: { requestMethod: 'GET', status: 200, responseSize: 1234, requestSize: 99, latency: '0.1s' },
      sourceLocation: { file: 'a.ts', line: 42, function: 'f' },
      jsonPayload: { message: 'hi', nested: { myfield: [{ subfield: 1 }] } },
      protopayload_auditlog: { methodName: 'storage.objects.get', authenticationInfo: { principalEmail: 'a@b' } },
      trace: 'projects/p/traces/t',
      spanId: 's',
      traceSampled: true,
    });
    const other = toSinkRecord({ insertId: 'x', protoPayload: { '@type': 'type.googleapis.com/google.appengine.logging.v1.RequestLog', ip: '1.2.3.4' }, labels: 'corrupted' });
    expect(other).toEqual({ insertId: 'x', protoPayload: { '@type': 'type.googleapis.com/google.appengine.logging.v1.RequestLog', ip: '1.2.3.4' }, labels: 'corrupted' });
  });
});
