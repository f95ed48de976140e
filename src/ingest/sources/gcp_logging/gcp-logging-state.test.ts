import { describe, expect, it } from 'vitest';
import { advanceCursor, cursorAfter, parseLoggingState } from './gcp-logging-state.js';

describe('entries cursor', () => {
  it('moves forward only, comparing instants', () => {
    expect(advanceCursor(undefined, '2025-01-01T00:00:00.5Z')).toBe('2025-01-01T00:00:00.5Z');
    expect(advanceCursor('2025-01-01T00:00:01Z', '2025-01-01T00:00:00.999999Z')).toBe('2025-01-01T00:00:01Z');
    expect(advanceCursor('2025-01-01T00:00:01Z', '2025-01-01T01:00:01+01:00')).toBe('2025-01-01T00:00:01Z');
    expect(advanceCursor('2025-01-01T00:00:01.000100Z', '2025-01-01T00:00:01.000200Z')).toBe('2025-01-01T00:00:01.000200Z');
    expect(advanceCursor('2025-01-01T00:00:01Z', 'not-a-timestamp')).toBe('2025-01-01T00:00:01Z');
  });

  it('never passes an entry’s receipt: a timestamp from a skewed clock ahead of time does not move it there', () => {
    const future = { timestamp: '2025-01-01T20:00:00Z', receiveTimestamp: '2025-01-01T00:00:02Z' };
    expect(cursorAfter('2025-01-01T00:00:01Z', future)).toBe('2025-01-01T00:00:02Z');
    const normal = { timestamp: '2025-01-01T00:00:03Z', receiveTimestamp: '2025-01-01T00:00:03.2Z' };
    expect(cursorAfter('2025-01-01T00:00:01Z', normal)).toBe('2025-01-01T00:00:03Z');
    expect(cursorAfter(undefined, { timestamp: 'garbage', receiveTimestamp: 'garbage' })).toBeUndefined();
  });

  it('reads saved states, ignoring what it does not recognise', () => {
    expect(parseLoggingState({ cursor: '2025-01-01T00:00:00Z' })).toEqual({ cursor: '2025-01-01T00:00:00Z' });
    expect(parseLoggingState({ cursor: 'yesterday' })).toBeUndefined();
    expect(parseLoggingState(undefined)).toBeUndefined();
  });
});
