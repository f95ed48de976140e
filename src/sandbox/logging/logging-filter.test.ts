import { describe, expect, it } from 'vitest';
import { compileFilter } from './logging-filter-eval.js';
import { FilterError, parseFilter } from './logging-filter-parse.js';

const cmp = (path: string, op: string, value: string) => ({ kind: 'cmp', path: path.split('.'), op, value });
const entry = {
  timestamp: '2025-01-01T10:00:00.500000Z',
  severity: 'WARNING',
  logName: 'projects/p/logs/run.googleapis.com%2Frequests',
  resource: { type: 'cloud_run_revision', labels: { service_name: 'api' } },
  httpRequest: { status: 404, requestMethod: 'GET', responseSize: '120' },
  labels: { organization_id: 'org1', 'k8s/app': 'web' },
  jsonPayload: { event: 'document.created', nested: { count: 3 } },
  traceSampled: true,
};
const matches = (filter: string) => compileFilter(parseFilter(filter)).matches(entry);

describe('logging filter parser', () => {
  it('gives OR precedence over AND, and NOT over both, as Cloud Logging does', () => {
    expect(parseFilter('a=1 AND b=2 OR c=3')).toEqual({ kind: 'and', items: [cmp('a', '=', '1'), { kind: 'or', items: [cmp('b', '=', '2'), cmp('c', '=', '3')] }] });
    expect(parseFilter('NOT a=1 OR b=2')).toEqual({ kind: 'or', items: [{ kind: 'not', item: cmp('a', '=', '1') }, cmp('b', '=', '2')] });
  });

  it('reads implicit AND, parentheses, minus, quoted path segments and value disjunctions', () => {
    expect(parseFilter('a=1 b>="x y"')).toEqual({ kind: 'and', items: [cmp('a', '=', '1'), cmp('b', '>=', 'x y')] });
    expect(parseFilter('-(a=1)')).toEqual({ kind: 'not', item: cmp('a', '=', '1') });
    expect(parseFilter('labels."k8s/app"="web"')).toEqual({ kind: 'cmp', path: ['labels', 'k8s/app'], op: '=', value: 'web' });
    expect(parseFilter('severity=(ERROR OR WARNING)')).toEqual({ kind: 'or', items: [cmp('severity', '=', 'ERROR'), cmp('severity', '=', 'WARNING')] });
    expect(parseFilter('jsonPayload.x > -5.5')).toEqual(cmp('jsonPayload.x', '>', '-5.5'));
    expect(parseFilter('   ')).toBeUndefined();
  });

  it('rejects syntax errors and constructs the sandbox does not serve', () => {
    for (const bad of ['a=', 'a=1 AND', '(a=1', 'a=1)', '"free text"', 'foo', 'log_id("x")', 'a="unterminated', 'a ! b']) {
      expect(() => compileFilter(parseFilter(bad)), bad).toThrow(FilterError);
    }
    expect(() => compileFilter(parseFilter('unknownField="x"'))).toThrow(/unknown field/);
    expect(() => compileFilter(parseFilter('timestamp>="yesterday"'))).toThrow(/Invalid timestamp/);
    expect(() => compileFilter(parseFilter('severity>=LOUD'))).toThrow(/Invalid severity/);
  });
});

describe('logging filter evaluation', () => {
  it('compares timestamps as instants, whatever the offset and precision', () => {
    expect(matches('timestamp>="2025-01-01T10:00:00Z"')).toBe(true);
    expect(matches('timestamp>"2025-01-01T10:00:00.5Z"')).toBe(false);
    expect(matches('timestamp="2025-01-01T11:00:00.500000000+01:00"')).toBe(true);
    expect(matches('timestamp<"2025-01-01"')).toBe(false);
  });

  it('orders severities by rank, by name or number', () => {
    expect(matches('severity>=WARNING')).toBe(true);
    expect(matches('severity>=error')).toBe(false);
    expect(matches('severity>=400 AND severity<500')).toBe(true);
    expect(matches('severity=(ERROR OR WARNING)')).toBe(true);
  });

  it('reads nested fields, numbers, has (:), regex, != and missing fields', () => {
    expect(matches('httpRequest.status>=400 httpRequest.status<500')).toBe(true);
    expect(matches('httpRequest.status!=404')).toBe(false);
    expect(matches('httpRequest.responseSize>100')).toBe(true);
    expect(matches('resource.labels.service_name="api" resource.type="cloud_run_revision"')).toBe(true);
    expect(matches('labels."k8s/app"="web" labels.organization_id="org1"')).toBe(true);
    expect(matches('jsonPayload.nested.count=3 jsonPayload.event:"CREATED"')).toBe(true);
    expect(matches('logName=~"requests$" AND NOT logName!~"run\\.googleapis"')).toBe(true);
    expect(matches('jsonPayload.missing="x"')).toBe(false);
    expect(matches('jsonPayload.missing!="x"')).toBe(true);
    expect(matches('traceSampled=true')).toBe(true);
    expect(matches('jsonPayload.nested:* AND NOT jsonPayload.missing:*')).toBe(true);
    expect(matches('severity=ERROR OR httpRequest.status=404 AND labels.organization_id="org2"')).toBe(false);
    expect(matches('(severity=ERROR OR httpRequest.status=404) AND -labels.organization_id="org2"')).toBe(true);
  });

  it('derives the timestamp range of the root conjunction and whether timestamp is mentioned', () => {
    const f = compileFilter(parseFilter('timestamp>="2025-01-01T00:00:00Z" AND timestamp<"2025-01-02T00:00:00Z" severity>=INFO'));
    expect([f.lower, f.upper, f.mentionsTimestamp]).toEqual([Date.parse('2025-01-01T00:00:00Z') * 1000, Date.parse('2025-01-02T00:00:00Z') * 1000, true]);
    const g = compileFilter(parseFilter('timestamp>="2025-01-01T00:00:00Z" OR severity>=INFO'));
    expect([g.lower, g.upper, g.mentionsTimestamp]).toEqual([undefined, undefined, true]);
    expect(compileFilter(parseFilter('severity>=INFO')).mentionsTimestamp).toBe(false);
  });
});
