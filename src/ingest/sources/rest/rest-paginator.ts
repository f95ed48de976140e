import { cursorPaginator, pageTokenPaginator } from '../../http/paginators/cursor-paginator.js';
import { nextLinkPaginator } from '../../http/paginators/next-link-paginator.js';
import { offsetPaginator } from '../../http/paginators/offset-paginator.js';
import { pageNumberPaginator } from '../../http/paginators/page-number-paginator.js';
import { singlePage, type Paginator } from '../../http/paginators/paginator.js';
import type { PaginatorConfig } from './rest-config.js';

/** The paginator a `paginator:` block describes (a single page when absent). */
export function restPaginator(config: PaginatorConfig | undefined): Paginator {
  if (!config) return singlePage;
  switch (config.type) {
    case 'none':
      return singlePage;
    case 'cursor':
      return cursorPaginator({
        param: config.param,
        cursorPath: config.cursor_path,
        fromLastItem: config.from_last_item,
        hasMorePath: config.has_more_path,
        in: config.in,
      });
    case 'page_token':
      return pageTokenPaginator({ tokenPath: config.token_path, param: config.param, in: config.in });
    case 'next_link':
      return nextLinkPaginator({ path: config.path });
    case 'offset':
      return offsetPaginator({
        limit: config.limit,
        offsetParam: config.offset_param,
        limitParam: config.limit_param,
        totalPath: config.total_path,
        start: config.start,
        in: config.in,
      });
    case 'page_number':
      return pageNumberPaginator({
        pageParam: config.page_param,
        start: config.start,
        size: config.size,
        sizeParam: config.size_param,
        totalPagesPath: config.total_pages_path,
        in: config.in,
      });
  }
}
