import { getPath } from '../json-path.js';
import { getParam, setParam, type ParamLocation, type Paginator } from './paginator.js';

/** Settings of page-number pagination. */
export interface PageNumberPaginatorOptions {
  pageParam?: string | undefined;
  /** First page number (default 1). */
  start?: number | undefined;
  /** Page size asked for, sent as `sizeParam`, when set. */
  size?: number | undefined;
  sizeParam?: string | undefined;
  /** Where the total number of pages is in the body, when the API gives one. */
  totalPagesPath?: string | undefined;
  in?: ParamLocation | undefined;
}

/** Page-number pagination: stops on an empty page, a short page (when `size` is set) or the last page (when the total is known). */
export function pageNumberPaginator(options: PageNumberPaginatorOptions = {}): Paginator {
  const pageParam = options.pageParam ?? 'page';
  const start = options.start ?? 1;
  const location = options.in ?? 'query';
  return {
    first(request) {
      const first = setParam(request, location, pageParam, start);
      return options.size !== undefined ? setParam(first, location, options.sizeParam ?? 'per_page', options.size) : first;
    },
    next(previous, response, items) {
      if (items.length === 0) return undefined;
      const page = Number(getParam(previous, location, pageParam) ?? start);
      if (options.totalPagesPath !== undefined) {
        const total = Number(getPath(response.body, options.totalPagesPath));
        if (Number.isFinite(total) && page - start + 1 >= total) return undefined;
      } else if (options.size !== undefined && items.length < options.size) return undefined;
      return setParam(previous, location, pageParam, page + 1);
    },
  };
}
