/**
 * The warehouse's schemas, tables and views beside the editor: a filter box,
 * relations with their kind, columns with their types on expand; clicking a
 * name inserts it at the cursor (schema-qualified outside the default schema).
 */
import { useState } from 'react';
import type { WarehouseSchemaJson } from '../../../src/server/workbench/schema-json';
import type { ApiState } from '../../use-api';

export function SchemaTree(props: { state: ApiState<WarehouseSchemaJson>; onPick(name: string): void }) {
  const [filter, setFilter] = useState('');
  const [open, setOpen] = useState<string>();
  const { data, error, reload } = props.state;
  const needle = filter.trim().toLowerCase();
  return (
    <div className="wb-panel wb-schema">
      <div className="wb-panel-head">
        <strong>Tables</strong>
        <input type="search" className="wb-filter" placeholder="Filter" aria-label="Filter tables" value={filter} onChange={(e) => setFilter(e.target.value)} />
      </div>
      {error && !data ? (
        <div className="wb-panel-note inline-error">
          Could not list the warehouse's tables: {error.message}{' '}
          <button type="button" className="btn ghost" onClick={reload}>
            Retry
          </button>
        </div>
      ) : !data ? (
        <div className="wb-panel-note muted">Loading tables…</div>
      ) : (
        <ul className="wb-tree">
          {data.schemas.map((s) => {
            const relations = s.relations.filter((r) => needle === '' || `${s.name}.${r.name}`.toLowerCase().includes(needle) || r.columns.some((c) => c.name.toLowerCase().includes(needle)));
            if (relations.length === 0) return null;
            return (
              <li key={s.name}>
                <div className="wb-tree-schema">{s.name}</div>
                <ul>
                  {relations.map((r) => {
                    const key = `${s.name}.${r.name}`;
                    const name = s.name === data.default_schema ? r.name : key;
                    return (
                      <li key={r.name} data-relation={key}>
                        <div className="wb-tree-row">
                          <button type="button" className="wb-twisty" aria-expanded={open === key} aria-label={`Columns of ${key}`} onClick={() => setOpen(open === key ? undefined : key)}>
                            {open === key ? '▾' : '▸'}
                          </button>
                          <button type="button" className="wb-name" title={`Insert ${name}`} onClick={() => props.onPick(name)}>
                            {r.name}
                          </button>
                          <span className={`kind ${r.kind === 'view' ? 'kind-model' : ''}`}>{r.kind}</span>
                        </div>
                        {open === key && (
                          <ul className="wb-columns">
                            {r.columns.map((c) => (
                              <li key={c.name}>
                                <button type="button" className="wb-name" title={`Insert ${c.name}`} onClick={() => props.onPick(c.name)}>
                                  {c.name}
                                </button>
                                <span className="wb-col-type">{c.type.toLowerCase()}</span>
                              </li>
                            ))}
                          </ul>
                        )}
                      </li>
                    );
                  })}
                </ul>
              </li>
            );
          })}
          {data.schemas.length === 0 && <li className="wb-panel-note muted">The warehouse has no tables yet: run a load first.</li>}
        </ul>
      )}
    </div>
  );
}
