/**
 * The result grid: column names with their types, sortable by clicking a
 * header (ascending, descending, off), 100 rows per page, numbers aligned
 * right, NULLs marked.
 */
import { useEffect, useMemo, useState } from 'react';
import { count } from '../../format';
import { cellText, isNumericType, nextSort, PAGE_SIZE, pageCount, pageRows, sortRows, type QueryColumn, type Row, type SortState } from './grid-model';

export function ResultGrid(props: { columns: QueryColumn[]; rows: Row[] }) {
  const [sort, setSort] = useState<SortState>();
  const [page, setPage] = useState(0);
  useEffect(() => {
    setSort(undefined);
    setPage(0);
  }, [props.rows]);
  const sorted = useMemo(() => sortRows(props.rows, sort), [props.rows, sort]);
  const pages = pageCount(sorted.length);
  const shown = pageRows(sorted, Math.min(page, pages - 1));
  const first = page * PAGE_SIZE;

  if (props.columns.length === 0) return <div className="state state-empty">The statement ran and returned no columns.</div>;
  return (
    <div className="wb-grid-box">
      <div className="table-wrap wb-grid-wrap">
        <table className="table compact wb-grid">
          <thead>
            <tr>
              <th className="wb-rownum" aria-label="Row number" />
              {props.columns.map((c) => {
                const dir = sort?.column === c.name ? sort.direction : undefined;
                return (
                  <th key={c.name} aria-sort={dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : 'none'} className={isNumericType(c.type) ? 'num' : undefined}>
                    <button
                      type="button"
                      className="wb-sort"
                      title={`Sort by ${c.name}`}
                      onClick={() => {
                        setSort(nextSort(sort, c.name));
                        setPage(0);
                      }}
                    >
                      <span className="wb-col-name">{c.name}</span>
                      <span className="wb-col-type">{c.type.toLowerCase()}</span>
                      <span className="wb-sort-mark" aria-hidden="true">
                        {dir === 'asc' ? '▲' : dir === 'desc' ? '▼' : ''}
                      </span>
                    </button>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {shown.map((row, i) => (
              <tr key={first + i}>
                <td className="wb-rownum">{first + i + 1}</td>
                {props.columns.map((c) => {
                  const v = row[c.name];
                  const isNull = v === null || v === undefined;
                  return (
                    <td key={c.name} className={[isNumericType(c.type) ? 'num' : '', isNull ? 'wb-null' : ''].join(' ').trim() || undefined}>
                      {cellText(v)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pages > 1 && (
        <nav className="wb-pager" aria-label="Result pages">
          <button type="button" className="btn" disabled={page === 0} onClick={() => setPage(0)}>
            First
          </button>
          <button type="button" className="btn" disabled={page === 0} onClick={() => setPage(page - 1)}>
            Previous
          </button>
          <span className="wb-page-info">
            Rows {count(first + 1)}–{count(first + shown.length)} of {count(sorted.length)} · page {page + 1} of {pages}
          </span>
          <button type="button" className="btn" disabled={page >= pages - 1} onClick={() => setPage(page + 1)}>
            Next
          </button>
          <button type="button" className="btn" disabled={page >= pages - 1} onClick={() => setPage(pages - 1)}>
            Last
          </button>
        </nav>
      )}
    </div>
  );
}
