import type { HttpRequest, QueryValue, ResponseInfo } from '../http-request.js';
import { withJsonFields, withQuery } from '../http-request.js';

/**
 * Names the requests of a paged listing. Pure: no I/O and no hidden state, so
 * a stream can save the next request in its checkpoint and resume from it.
 */
export interface Paginator {
  /** The first page's request, built from the resource's base request. */
  first(request: HttpRequest): HttpRequest;
  /** The request for the page after `previous`, or undefined on the last page. */
  next(previous: HttpRequest, response: ResponseInfo, items: readonly unknown[]): HttpRequest | undefined;
}

/** Where a paging parameter goes: the query string (default) or the JSON body (e.g. HubSpot search). */
export type ParamLocation = 'query' | 'body';

/** `request` with `name` set to `value` in the query or the JSON body. */
export function setParam(request: HttpRequest, location: ParamLocation, name: string, value: QueryValue | unknown): HttpRequest {
  return location === 'body' ? withJsonFields(request, { [name]: value }) : withQuery(request, { [name]: value as QueryValue });
}

/** The value of `name` in the request's query or JSON body. */
export function getParam(request: HttpRequest, location: ParamLocation, name: string): unknown {
  if (location === 'body') {
    return request.json !== null && typeof request.json === 'object' ? (request.json as Record<string, unknown>)[name] : undefined;
  }
  return request.query?.[name];
}

/** A paginator for APIs that return everything in one response. */
export const singlePage: Paginator = {
  first: (request) => request,
  next: () => undefined,
};
