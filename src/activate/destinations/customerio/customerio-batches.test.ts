import { describe, expect, it } from 'vitest';
import { splitBatches } from './customerio-batches.js';
import { eventUlid } from './customerio-event-id.js';
import { eventOperation, personOperation } from './customerio-operations.js';

describe('Customer.io batches', () => {
  it('splits into bodies within the byte limit, keeps record indexes, refuses too large operations', () => {
    const ops = Array.from({ length: 10 }, (_, i) => ({ index: i, operation: { n: 'x'.repeat(i === 4 ? 400 : 80) } }));
    const { requests, tooLarge } = splitBatches(ops, { batchBytes: 300, operationBytes: 200 });
    expect([...tooLarge.keys()]).toEqual([4]);
    expect(tooLarge.get(4)).toMatch(/at most 200 bytes/);
    for (const r of requests) {
      expect(Buffer.byteLength(r.body)).toBeLessThanOrEqual(300);
      expect((JSON.parse(r.body) as { batch: unknown[] }).batch).toHaveLength(r.recordIndexes.length);
    }
    expect(requests.flatMap((r) => r.recordIndexes)).toEqual([0, 1, 2, 3, 5, 6, 7, 8, 9]);
    expect(requests.length).toBeGreaterThan(1);
  });
});

describe('Customer.io operations', () => {
  it('identifies by the key, converts timestamps to unix seconds and leaves the identifier out of attributes', () => {
    const created = new Date('2026-01-02T03:04:05.678Z');
    expect(personOperation('upsert', { key: 'u1', fields: { id: 'u1', email: 'a@b.co', created_at: created, seats: 12n, gone: null } }, 'id')).toEqual({
      operation: { type: 'person', identifiers: { id: 'u1' }, action: 'identify', attributes: { email: 'a@b.co', created_at: 1767323045, seats: 12, gone: null } },
    });
    expect(personOperation('delete', { key: 'a@b.co', fields: {} }, 'email')).toEqual({ operation: { type: 'person', identifiers: { email: 'a@b.co' }, action: 'delete' } });
    expect(personOperation('upsert', { key: ' ', fields: {} }, 'id')).toEqual({ problem: expect.stringMatching(/key is empty/) });
  });

  it('builds events with a deterministic ULID and refuses events without a person or a name', () => {
    const at = new Date('2026-03-01T00:00:00Z');
    const op = eventOperation('s', { key: 'e1', fields: { id: 'u1', name: 'upgraded', timestamp: at, plan: 'team' } }, 'id', 0);
    expect(op).toEqual({
      operation: { type: 'person', identifiers: { id: 'u1' }, action: 'event', name: 'upgraded', id: eventUlid('s', 'e1', at.getTime()), timestamp: at.getTime() / 1000, attributes: { plan: 'team' } },
    });
    expect(eventOperation('s', { key: 'e1', fields: { name: 'x' } }, 'id', 0)).toEqual({ problem: expect.stringMatching(/field id is empty/) });
    expect(eventOperation('s', { key: 'e1', fields: { id: 'u1' } }, 'id', 0)).toEqual({ problem: expect.stringMatching(/needs a name/) });
  });

  it('event ids are valid ULIDs, stable per (sync, key, time), distinct otherwise, with the time in front', () => {
    const id = eventUlid('sync', 'k', 1_700_000_000_000);
    expect(id).toMatch(/^[0-7][0-9A-HJKMNP-TV-Z]{25}$/);
    expect(eventUlid('sync', 'k', 1_700_000_000_000)).toBe(id);
    expect(eventUlid('sync', 'k2', 1_700_000_000_000)).not.toBe(id);
    expect(eventUlid('other', 'k', 1_700_000_000_000)).not.toBe(id);
    expect(eventUlid('sync', 'k', 1_700_000_000_001) > id).toBe(true);
    expect(eventUlid('sync', 'k', 1_700_000_000_000).slice(0, 10)).toBe(eventUlid('x', 'y', 1_700_000_000_000).slice(0, 10));
  });
});
