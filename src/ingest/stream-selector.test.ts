import { describe, expect, it } from 'vitest';
import { selectsConnection, streamSelection } from './stream-selector.js';

describe('ingest selectors', () => {
  it('selects everything without selectors', () => {
    expect(streamSelection(undefined)('stripe', 'customers')).toBe(true);
    expect(selectsConnection([], 'x')).toBe(true);
  });
  it('selects connections, streams, source: forms and wildcards', () => {
    const pick = streamSelection(['stripe', 'source:hubspot.deals', 'files.char*']);
    expect(pick('stripe', 'anything')).toBe(true);
    expect(pick('hubspot', 'deals')).toBe(true);
    expect(pick('hubspot', 'contacts')).toBe(false);
    expect(pick('files', 'charges')).toBe(true);
    expect(pick('files', 'refunds')).toBe(false);
    expect(selectsConnection(['stripe.customers'], 'hubspot')).toBe(false);
  });
  it('rejects malformed selectors', () => {
    expect(() => streamSelection(['a.b.c'])).toThrow(/not a source selector/);
    expect(() => streamSelection(['source:'])).toThrow(/not a source selector/);
  });
});
