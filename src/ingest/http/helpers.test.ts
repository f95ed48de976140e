import { describe, expect, it } from 'vitest';
import { fullJitterDelay, parseRetryAfter } from './backoff.js';
import { parseDuration } from './duration.js';
import { createIncrementalCursor, subtractLookback } from './incremental-cursor.js';
import { getPath } from './json-path.js';
import { readRateLimitHint } from './rate-limit-headers.js';
import { redactUrl } from './redact.js';

describe('backoff', () => {
  it('full jitter stays within the doubling ceiling, capped', () => {
    const opts = { baseDelayMs: 100, maxDelayMs: 1000 };
    expect(fullJitterDelay(1, opts, () => 0.999)).toBe(99);
    expect(fullJitterDelay(3, opts, () => 0.5)).toBe(200);
    expect(fullJitterDelay(10, opts, () => 0.999)).toBe(999);
    expect(fullJitterDelay(2, opts, () => 0)).toBe(0);
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter('0.5')).toBe(500);
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:10 GMT', now)).toBe(10_000);
    expect(parseRetryAfter('Tue, 31 Dec 2024 00:00:10 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});

describe('vendor rate-limit headers', () => {
  const now = 1_700_000_000_000;
  it('reads X-RateLimit-* with epoch or delta resets', () => {
    expect(readRateLimitHint(new Headers({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(now / 1000 + 30) }), now)).toEqual({ remaining: 0, resetInMs: 30_000 });
    expect(readRateLimitHint(new Headers({ 'x-ratelimit-remaining': '4', 'x-ratelimit-reset': '2' }), now)).toEqual({ remaining: 4, resetInMs: 2000 });
  });
  it('reads the IETF drafts', () => {
    expect(readRateLimitHint(new Headers({ 'ratelimit-remaining': '0', 'ratelimit-reset': '5' }))).toEqual({ remaining: 0, resetInMs: 5000 });
    expect(readRateLimitHint(new Headers({ ratelimit: '"default";r=0;t=7' }))).toEqual({ remaining: 0, resetInMs: 7000 });
    expect(readRateLimitHint(new Headers({ ratelimit: 'limit=10, remaining=3, reset=1' }))).toEqual({ remaining: 3, resetInMs: 1000 });
  });
  it('reads HubSpot headers and keeps the most restrictive', () => {
    const h = new Headers({
      'x-hubspot-ratelimit-remaining': '50',
      'x-hubspot-ratelimit-interval-milliseconds': '10000',
      'x-hubspot-ratelimit-secondly-remaining': '0',
    });
    expect(readRateLimitHint(h)).toEqual({ remaining: 0, resetInMs: 1000 });
    expect(readRateLimitHint(new Headers({}))).toBeUndefined();
  });
});

describe('redaction', () => {
  it('hides credential-like and listed query parameters and userinfo', () => {
    const out = redactUrl('https://user:pw@api.x.com/v1/a?api_key=SECRET&page=2&token=T&sig=S&k=K', ['k']);
    expect(out).not.toMatch(/SECRET|pw|=T|=S|=K/);
    expect(out).toContain('page=2');
    expect(out).toContain('api_key=***');
  });
});

describe('json path and durations', () => {
  it('walks dotted paths through objects and arrays', () => {
    const v = { a: { b: [{ c: 1 }] } };
    expect(getPath(v, 'a.b.0.c')).toBe(1);
    expect(getPath(v, '')).toBe(v);
    expect(getPath(v, 'a.x.y')).toBeUndefined();
  });
  it('parses durations', () => {
    expect(parseDuration('1h')).toBe(3_600_000);
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('250ms')).toBe(250);
    expect(parseDuration(90)).toBe(90_000);
    expect(parseDuration('2 days')).toBeUndefined();
  });
});

describe('incremental cursor', () => {
  const opts = { field: 'updated_at', lookbackMs: 3_600_000 };
  it('starts from the initial value, tracks the max, and only advances at the end of a run', () => {
    const c = createIncrementalCursor({ ...opts, initialValue: '2024-01-01T00:00:00Z' }, undefined);
    expect(c.lowerBound).toBe('2024-01-01T00:00:00Z');
    c.observe([{ updated_at: '2024-03-01T10:00:00Z' }, { updated_at: '2024-02-01T00:00:00Z' }, { other: 1 }]);
    expect(c.pageState({ page: 2 })).toEqual({ run: { since: '2024-01-01T00:00:00Z', max: '2024-03-01T10:00:00Z', resume: { page: 2 } } });
    expect(c.finalState()).toEqual({ cursor: '2024-03-01T10:00:00Z' });
  });

  it('applies the lookback to the saved cursor', () => {
    const c = createIncrementalCursor(opts, { cursor: '2024-03-01T10:00:00Z' });
    expect(c.lowerBound).toBe('2024-03-01T09:00:00.000Z');
    c.observe([{ updated_at: '2024-03-01T09:30:00Z' }]);
    expect(c.finalState()).toEqual({ cursor: '2024-03-01T10:00:00Z' });
  });

  it('resumes an interrupted run with the same bound, max and position', () => {
    const c = createIncrementalCursor(opts, { cursor: 'x', run: { since: '2024-01-01T00:00:00Z', max: '2024-05-01T00:00:00Z', resume: { after: 'c9' } } });
    expect(c.lowerBound).toBe('2024-01-01T00:00:00Z');
    expect(c.resume).toEqual({ after: 'c9' });
    expect(c.max).toBe('2024-05-01T00:00:00Z');
  });

  it('advances on every page when records are ordered', () => {
    const c = createIncrementalCursor({ ...opts, ordered: true }, { cursor: 5 });
    c.observe([{ updated_at: 7 }, { updated_at: 9 }]);
    expect(c.pageState('next')).toMatchObject({ cursor: 9 });
  });

  it('moves epochs back in their unit and leaves plain ids alone', () => {
    expect(subtractLookback(1_700_000_000, 60_000)).toBe(1_699_999_940);
    expect(subtractLookback(1_700_000_000_000, 60_000)).toBe(1_699_999_940_000);
    expect(subtractLookback('1700000000', 60_000, 'unix')).toBe('1699999940');
    expect(subtractLookback(42, 60_000)).toBe(42);
    expect(subtractLookback('abc', 60_000)).toBe('abc');
  });
});
