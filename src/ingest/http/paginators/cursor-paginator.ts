import { HttpError } from '../http-error.js';
import type { HttpRequest } from '../http-request.js';
import { getPath } from '../json-path.js';
import { getParam, setParam, type ParamLocation, type Paginator } from './paginator.js';

/** Settings of a cursor paginator. */
export interface CursorPaginatorOptions {
  /** Request parameter that carries the cursor (`after`, `starting_after`, `pageToken`). */
  param: string;
  /** Where the next cursor is in the body (`paging.next.after`, `nextPageToken`). */
  cursorPath?: string | undefined;
  /** Or: take the cursor from this field of the page's last item (Stripe: `id`). */
  fromLastItem?: string | undefined;
  /** A body flag that must be true for another page to exist (Stripe: `has_more`). */
  hasMorePath?: string | undefined;
  in?: ParamLocation | undefined;
}

/**
 * Cursor pagination. HubSpot: `{ cursorPath: 'paging.next.after', param: 'after' }`;
 * Stripe: `{ hasMorePath: 'has_more', fromLastItem: 'id', param: 'starting_after' }`.
 * Stops when the cursor is missing or empty, the has-more flag is not true, or
 * (cursor from the last item) the page is empty. A cursor that does not
 * advance is an API error (HTTP_RESPONSE), never an endless loop.
 */
export function cursorPaginator(options: CursorPaginatorOptions): Paginator {
  if (!options.cursorPath && !options.fromLastItem) throw new RangeError('cursor paginator needs cursorPath or fromLastItem');
  const location = options.in ?? 'query';
  return {
    first: (request) => request,
    next(previous: HttpRequest, response, items) {
      if (options.hasMorePath !== undefined && getPath(response.body, options.hasMorePath) !== true) return undefined;
      let cursor: unknown;
      if (options.cursorPath) cursor = getPath(response.body, options.cursorPath);
      else {
        if (items.length === 0) return undefined;
        cursor = getPath(items[items.length - 1], options.fromLastItem);
      }
      if (cursor === undefined || cursor === null || cursor === '') return undefined;
      if (typeof cursor === 'object') {
        throw new HttpError('HTTP_RESPONSE', `pagination cursor at '${options.cursorPath ?? options.fromLastItem}' is not a scalar`, { url: '', method: previous.method ?? 'GET' });
      }
      if (getParam(previous, location, options.param) === cursor) {
        throw new HttpError('HTTP_RESPONSE', `pagination cursor '${options.param}' did not advance (${String(cursor)})`, { url: '', method: previous.method ?? 'GET' });
      }
      return setParam(previous, location, options.param, cursor);
    },
  };
}

/** Page-token pagination (Google: `nextPageToken` in the body, `pageToken` in the request). */
export function pageTokenPaginator(options: { tokenPath?: string | undefined; param?: string | undefined; in?: ParamLocation | undefined } = {}): Paginator {
  return cursorPaginator({ cursorPath: options.tokenPath ?? 'nextPageToken', param: options.param ?? 'pageToken', in: options.in });
}
