/** A `table` chart: the query's rows, sortable by a click on a column header, 25 rows a page. */
import { useEffect, useState } from 'react';
import { formatValue } from '../../../src/dashboards/chart-option';
import type { QueryResultJson } from './dashboard-json';
import { PAGE_SIZE, pages, sortTable, toggleSort, type TableSort } from './table-model';

function numeric(type: string): boolean {
  return /INT|DOUBLE|FLOAT|DECIMAL|NUMERIC|REAL|HUGEINT/i.test(type);
}

export function DashboardTable(props: { result: QueryResultJson; format?: string | undefined }) {
  const [sort, setSort] = useState<TableSort>();
  const [page, setPage] = useState(0);
  const { columns, rows } = props.result;
  useEffect(() => setPage(0), [props.result]);
  const sorted = sortTable(rows, sort);
  const count = pages(sorted.length);
  const shown = sorted.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE);
  return (
    <div className="db-table">
      <div className="table-wrap">
        <table className="table compact">
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c.name} className={numeric(c.type) ? 'num' : undefined} aria-sort={sort?.column === c.name ? (sort.desc ? 'descending' : 'ascending') : 'none'}>
                  <button type="button" className="db-sort" onClick={() => setSort(toggleSort(sort, c.name))}>
                    {c.name}
                    {sort?.column === c.name ? (sort.desc ? ' ▼' : ' ▲') : ''}
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((r, i) => (
              <tr key={page * PAGE_SIZE + i}>
                {columns.map((c) =>
                  numeric(c.type) ? (
                    <td key={c.name} className="num">
                      {formatValue(r[c.name], props.format)}
                    </td>
                  ) : (
                    <td key={c.name}>{r[c.name] === null || r[c.name] === undefined ? '' : String(r[c.name])}</td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {count > 1 && (
        <div className="db-pager small muted">
          <button type="button" className="btn ghost" disabled={page === 0} onClick={() => setPage(page - 1)}>
            ‹ Previous
          </button>
          <span>
            Page {page + 1} of {count} · {sorted.length.toLocaleString('en-US')} rows
          </span>
          <button type="button" className="btn ghost" disabled={page >= count - 1} onClick={() => setPage(page + 1)}>
            Next ›
          </button>
        </div>
      )}
    </div>
  );
}
