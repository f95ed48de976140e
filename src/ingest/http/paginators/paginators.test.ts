import { describe, expect, it } from 'vitest';
import type { HttpRequest, ResponseInfo } from '../http-request.js';
import { cursorPaginator, pageTokenPaginator } from './cursor-paginator.js';
import { nextLinkPaginator, parseLinkHeader } from './next-link-paginator.js';
import { offsetPaginator } from './offset-paginator.js';
import { pageNumberPaginator } from './page-number-paginator.js';
import { singlePage } from './paginator.js';

const res = (body: unknown, headers: Record<string, string> = {}, url?: string): ResponseInfo => ({ status: 200, headers: new Headers(headers), body, url });
const base: HttpRequest = { url: '/things', query: { filter: 'x' } };

describe('cursor paginator', () => {
  it('follows HubSpot paging.next.after and stops without it', () => {
    const p = cursorPaginator({ cursorPath: 'paging.next.after', param: 'after' });
    const first = p.first(base);
    expect(first).toEqual(base);
    const second = p.next(first, res({ results: [1], paging: { next: { after: '25' } } }), [1]);
    expect(second).toEqual({ url: '/things', query: { filter: 'x', after: '25' } });
    expect(p.next(second!, res({ results: [2] }), [2])).toBeUndefined();
  });

  it('follows Stripe has_more + starting_after = last id', () => {
    const p = cursorPaginator({ hasMorePath: 'has_more', fromLastItem: 'id', param: 'starting_after' });
    const items = [{ id: 'cus_1' }, { id: 'cus_2' }];
    expect(p.next(base, res({ has_more: true, data: items }), items)?.query).toEqual({ filter: 'x', starting_after: 'cus_2' });
    expect(p.next(base, res({ has_more: false, data: items }), items)).toBeUndefined();
    expect(p.next(base, res({ has_more: true, data: [] }), [])).toBeUndefined();
  });

  it('puts the cursor in a JSON body (HubSpot search)', () => {
    const p = cursorPaginator({ cursorPath: 'paging.next.after', param: 'after', in: 'body' });
    const req: HttpRequest = { method: 'POST', url: '/search', json: { limit: 100 } };
    expect(p.next(req, res({ paging: { next: { after: 'a1' } } }), [])).toEqual({ method: 'POST', url: '/search', json: { limit: 100, after: 'a1' } });
  });

  it('refuses a cursor that does not advance', () => {
    const p = cursorPaginator({ cursorPath: 'next', param: 'cursor' });
    expect(() => p.next({ url: '/x', query: { cursor: 'c' } }, res({ next: 'c' }), [1])).toThrow(/did not advance/);
  });
});

describe('page token paginator', () => {
  it('follows Google nextPageToken into pageToken', () => {
    const p = pageTokenPaginator();
    expect(p.next(base, res({ nextPageToken: 't2' }), [1])?.query).toEqual({ filter: 'x', pageToken: 't2' });
    expect(p.next(base, res({ nextPageToken: '' }), [1])).toBeUndefined();
    expect(p.next(base, res({}), [1])).toBeUndefined();
  });
});

describe('next link paginator', () => {
  it('reads a body link and drops the old query', () => {
    const p = nextLinkPaginator({ path: 'links.next' });
    expect(p.next(base, res({ links: { next: 'https://api.example.com/things?page=2' } }), [1])).toEqual({
      url: 'https://api.example.com/things?page=2',
      query: undefined,
    });
    expect(p.next(base, res({ links: { next: null } }), [1])).toBeUndefined();
  });

  it('reads the Link header and resolves relative links against the request URL', () => {
    const p = nextLinkPaginator();
    const link = '<https://api.github.com/repos?page=3>; rel="next", <https://api.github.com/repos?page=9>; rel="last"';
    expect(p.next(base, res({}, { link }), [1])?.url).toBe('https://api.github.com/repos?page=3');
    expect(p.next(base, res({}, { link: '</v1/things?page=2>; rel="next"' }, 'http://h:1/v1/things?filter=x'), [1])?.url).toBe('http://h:1/v1/things?page=2');
    expect(p.next(base, res({}, { link: '<https://x/?page=1>; rel="prev"' }), [1])).toBeUndefined();
    expect(parseLinkHeader(new Headers({ link: '<a>; rel="first next"' }), 'next')).toBe('a');
  });
});

describe('offset paginator', () => {
  it('advances by the items received and stops on a short page', () => {
    const p = offsetPaginator({ limit: 2 });
    const first = p.first(base);
    expect(first.query).toEqual({ filter: 'x', offset: 0, limit: 2 });
    const second = p.next(first, res({}), [1, 2]);
    expect(second?.query).toEqual({ filter: 'x', offset: 2, limit: 2 });
    expect(p.next(second!, res({}), [3])).toBeUndefined();
    expect(p.next(second!, res({}), [])).toBeUndefined();
  });

  it('stops at the total when the API gives one', () => {
    const p = offsetPaginator({ limit: 10, totalPath: 'total', offsetParam: 'skip', limitParam: 'take' });
    const first = p.first(base);
    expect(p.next(first, res({ total: 15 }), Array(8).fill(0))?.query?.['skip']).toBe(8);
    expect(p.next({ ...first, query: { skip: 8 } }, res({ total: 15 }), Array(7).fill(0))).toBeUndefined();
  });
});

describe('page number paginator', () => {
  it('counts pages and stops on an empty page, a short page or the total', () => {
    const p = pageNumberPaginator({ size: 2, sizeParam: 'per_page' });
    const first = p.first(base);
    expect(first.query).toEqual({ filter: 'x', page: 1, per_page: 2 });
    const second = p.next(first, res({}), [1, 2]);
    expect(second?.query?.['page']).toBe(2);
    expect(p.next(second!, res({}), [3])).toBeUndefined();
    const q = pageNumberPaginator({ start: 0, totalPagesPath: 'meta.pages' });
    expect(q.next(q.first(base), res({ meta: { pages: 2 } }), [1])?.query?.['page']).toBe(1);
    expect(q.next({ url: '/t', query: { page: 1 } }, res({ meta: { pages: 2 } }), [1])).toBeUndefined();
    expect(q.next({ url: '/t', query: { page: 1 } }, res({}), [])).toBeUndefined();
  });
});

describe('single page', () => {
  it('has no next page', () => {
    expect(singlePage.first(base)).toBe(base);
    expect(singlePage.next(base, res({}), [1])).toBeUndefined();
  });
});
