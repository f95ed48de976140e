import type { HeaderReader } from '../http-request.js';
import { getPath } from '../json-path.js';
import type { Paginator } from './paginator.js';

/**
 * Next-link pagination: the URL of the next page, from a body field
 * (`path`, e.g. `links.next` or `paging.next.link`) or, without `path`, the
 * `Link: <...>; rel="next"` header (RFC 8288, GitHub style). The next
 * request keeps the method, headers and body but takes its query from the link.
 */
export function nextLinkPaginator(options: { path?: string | undefined } = {}): Paginator {
  return {
    first: (request) => request,
    next(previous, response) {
      const link = options.path ? getPath(response.body, options.path) : parseLinkHeader(response.headers, 'next');
      if (typeof link !== 'string' || link === '') return undefined;
      const base = response.url ?? undefined;
      const url = base && !/^[a-z][a-z0-9+.-]*:\/\//i.test(link) ? new URL(link, base).toString() : link;
      if (url === previous.url && previous.query === undefined) return undefined;
      return { ...previous, url, query: undefined };
    },
  };
}

/** The URL of the `Link` header entry with relation `rel`. */
export function parseLinkHeader(headers: HeaderReader, rel: string): string | undefined {
  const header = headers.get('link');
  if (!header) return undefined;
  for (const part of header.split(/,(?=\s*<)/)) {
    const match = /<([^>]*)>(.*)/.exec(part.trim());
    if (!match) continue;
    const rels = /;\s*rel="?([^";]+)"?/i.exec(match[2] ?? '')?.[1]?.split(/\s+/) ?? [];
    if (rels.includes(rel)) return match[1];
  }
  return undefined;
}
