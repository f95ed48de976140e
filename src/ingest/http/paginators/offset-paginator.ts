import { getPath } from '../json-path.js';
import { getParam, setParam, type ParamLocation, type Paginator } from './paginator.js';

/** Settings of offset/limit pagination. */
export interface OffsetPaginatorOptions {
  /** Page size asked for. */
  limit: number;
  offsetParam?: string | undefined;
  limitParam?: string | undefined;
  /** Where the total count is in the body, when the API gives one. */
  totalPath?: string | undefined;
  /** First offset (default 0). */
  start?: number | undefined;
  in?: ParamLocation | undefined;
}

/**
 * Offset/limit pagination. The next offset advances by the items actually
 * received (an API that caps the page size below `limit` loses nothing); it
 * stops on an empty or short page, or once the offset reaches the total.
 */
export function offsetPaginator(options: OffsetPaginatorOptions): Paginator {
  const offsetParam = options.offsetParam ?? 'offset';
  const limitParam = options.limitParam ?? 'limit';
  const location = options.in ?? 'query';
  return {
    first: (request) => setParam(setParam(request, location, offsetParam, options.start ?? 0), location, limitParam, options.limit),
    next(previous, response, items) {
      if (items.length === 0) return undefined;
      const offset = Number(getParam(previous, location, offsetParam) ?? options.start ?? 0) + items.length;
      if (options.totalPath !== undefined) {
        const total = Number(getPath(response.body, options.totalPath));
        if (Number.isFinite(total) && offset >= total) return undefined;
      } else if (items.length < options.limit) return undefined;
      return setParam(previous, location, offsetParam, offset);
    },
  };
}
