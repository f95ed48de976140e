/**
 * Help Scout's HAL list pages: `_embedded: { <name>: [...] }`, `_links`
 * (self, first, last, next, previous and the templated page link, keeping
 * the request's other parameters) and `page: { size, totalElements, totalPages,
 * number }`, page numbers starting at 1.
 */
import { badRequest } from './helpscout-errors.js';

/** Records per page of the list endpoints. */
export const PAGE_SIZE = 50;
/** Records per page of List Conversations (the one documented exception). */
export const CONVERSATION_PAGE_SIZE = 25;

/** The `page` parameter (default 1); 400 when not a positive integer. */
export function pageParam(url: URL): number {
  const raw = url.searchParams.get('page');
  if (raw === null || raw === '') return 1;
  if (!/^\d+$/.test(raw)) throw badRequest({ path: 'page', message: 'must be a number', rejectedValue: raw, source: 'query', code: 'InvalidNumber' });
  const page = Number(raw);
  if (page < 1) throw badRequest({ path: 'page', message: 'must be greater than or equal to 1', rejectedValue: raw, source: 'query', code: 'Min' });
  return page;
}

/** Records `page` of a listing holds, from all of them (in order). */
export function pageSlice<T>(items: readonly T[], page: number, size = PAGE_SIZE): T[] {
  return items.slice((page - 1) * size, page * size);
}

/** A HAL page: `records` (already rendered) are page `page` of `total` matching records. */
export function halPage(url: URL, name: string, records: readonly unknown[], total: number, page: number, size = PAGE_SIZE): Record<string, unknown> {
  const totalPages = Math.ceil(total / size);
  const link = (n: number): { href: string } => {
    const u = new URL(url);
    u.searchParams.set('page', String(n));
    return { href: u.toString() };
  };
  const template = new URL(url);
  template.searchParams.delete('page');
  const links: Record<string, unknown> = { self: { href: url.toString() }, first: link(1) };
  if (totalPages > 0) links['last'] = link(totalPages);
  if (page < totalPages) links['next'] = link(page + 1);
  if (page > 1) links['previous'] = link(Math.min(page - 1, Math.max(totalPages, 1)));
  links['page'] = { href: `${template.toString()}${template.search ? '{&page}' : '{?page}'}`, templated: true };
  return {
    _embedded: { [name]: records },
    _links: links,
    page: { size, totalElements: total, totalPages, number: page },
  };
}
